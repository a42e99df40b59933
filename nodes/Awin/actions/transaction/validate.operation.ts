import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, NodeApiError } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionFields } from '../../../shared/descriptions';
import { chunk } from '../../../shared/helpers/batch';
import { ItemOutcomes, toNodeError } from '../../../shared/helpers/outcomes';
import {
	checkNumber,
	checkText,
	InvalidPayload,
	perItemParameter,
	readAccountId,
	readBoolean,
	readClientSettings,
	readCollection,
	readOption,
	readPayloadValue,
	readText,
	refuse,
	validatePayload,
} from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import { AWIN_DATETIME, parseLocal } from '../../../shared/dates';
import { AWIN_TIMEZONES, MAX_PER_CALL } from '../../../shared/limits';
import type { Validation } from './validationSchema';
import { partsWarning, plainValidation, validationSchema } from './validationSchema';
import type { AwinOperation } from '../types';
import { batchAnswer, parseJobId } from './validationJobs';
import type { ItemResult, SentBatch } from './validationResults';
import { awaitValidationJobs } from './validationResults';

/**
 * Every action sets a target state (approved, declined, these amounts, these parameters), so a
 * batch re-sent after an ambiguous failure (timeout, dropped connection, 504) changes nothing more:
 * Awin answers 304 "already in that state" per transaction, which counts as done. The client may
 * therefore retry the POST; the cost is a second job in Awin's job list.
 */
const BATCH_IS_IDEMPOTENT = true;

const TIMING_NOTICE =
	"Awin's advice for invoicing: submit validations by 12:00 CET on the 15th and on the last day of the month";

const forActions = (...actions: string[]) => ({ show: { inputMode: ['fields'], validationAction: [...actions, 'fromInput'] } });

const properties: INodeProperties[] = [
	{
		displayName: TIMING_NOTICE,
		name: 'timingNotice',
		type: 'notice',
		default: '',
	},
	accountLocator('advertiserId'),
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{
				name: 'Map Fields',
				value: 'fields',
				description: 'Choose the action and map the transaction fields below',
			},
			{
				name: 'JSON',
				value: 'json',
				description: "Each item already is { action, transaction: {...} } in Awin's field names",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Validation (JSON)',
		name: 'validationJson',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		displayOptions: { show: { inputMode: ['json'] } },
		description:
			'One batch element in Awin\'s names, e.g. {"action": "decline", "transaction": {"transactionId": 123, "declineReason": "order returned"}}',
	},
	{
		displayName: 'Action',
		name: 'validationAction',
		type: 'options',
		options: [
			{ name: 'Amend', value: 'amend', description: 'Change the sale amount and commission group parts' },
			{
				name: 'Amend Tracking Parameters',
				value: 'amendTrackingParameters',
				description: 'Create or update custom tracking parameter values',
			},
			{ name: 'Approve', value: 'approve', description: 'Confirm the commission' },
			{ name: 'Decline', value: 'decline', description: 'Cancel the commission, e.g. for a refund' },
			{ name: 'Set by Input Item', value: 'fromInput', description: 'Each item names its action' },
		],
		default: 'approve',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Action of the Item',
		name: 'actionFromInput',
		type: 'string',
		default: '={{ $json.action }}',
		required: true,
		displayOptions: { show: { inputMode: ['fields'], validationAction: ['fromInput'] } },
		description: 'One of approve, decline, amend, amendTrackingParameters',
	},
	{
		displayName: 'Identify Transaction By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Order Reference, Date and Timezone', value: 'orderRef' },
			{ name: 'Transaction ID', value: 'transactionId' },
		],
		default: 'transactionId',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 484816099',
		displayOptions: { show: { inputMode: ['fields'], identifyBy: ['transactionId'] } },
		description: "Awin's ID of the transaction",
	},
	{
		displayName: 'Order Reference',
		name: 'orderRef',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { inputMode: ['fields'], identifyBy: ['orderRef'] } },
		description: 'The order reference the shop sent to Awin with the sale',
	},
	{
		displayName: 'Transaction Date',
		name: 'transactionDate',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { inputMode: ['fields'], identifyBy: ['orderRef'] } },
		description:
			'When the sale happened. A date with an offset (e.g. 2024-05-01T10:00:00+02:00) is converted to the timezone below; without offset it is taken as local time there.',
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'options',
		options: [...AWIN_TIMEZONES].sort().map((zone) => ({ name: zone, value: zone })),
		default: 'UTC',
		displayOptions: { show: { inputMode: ['fields'], identifyBy: ['orderRef'] } },
		description: 'The timezone the transaction date is given in',
	},
	{
		displayName: 'Decline Reason',
		name: 'declineReason',
		type: 'string',
		default: '',
		placeholder: 'e.g. order returned',
		displayOptions: forActions('decline'),
		description: 'Shown to the publisher. Required for declines.',
	},
	{
		displayName: 'Amend Reason',
		name: 'amendReason',
		type: 'string',
		default: '',
		placeholder: 'e.g. partial return',
		displayOptions: forActions('amend', 'amendTrackingParameters'),
		description: 'Required for amendments of the sale amount, optional for tracking parameters',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		placeholder: 'e.g. GBP',
		displayOptions: forActions('amend'),
		description: 'ISO 4217 code of the new sale amount. Required for amendments.',
	},
	{
		displayName: 'Sale Amount',
		name: 'saleAmount',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
		displayOptions: forActions('amend'),
		description: 'The new sale amount',
	},
	{
		displayName: 'Commission Group Parts',
		name: 'transactionParts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Part',
		default: {},
		displayOptions: forActions('amend'),
		description:
			'How the sale amount splits over commission groups. Parts should add up to the sale amount; otherwise Awin balances the difference with the DEFAULT group.',
		options: [
			{
				displayName: 'Part',
				name: 'part',
				values: [
					{
						displayName: 'Commission Group Code',
						name: 'commissionGroupCode',
						type: 'string',
						default: 'DEFAULT',
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
					},
				],
			},
		],
	},
	{
		displayName: 'Approve After Amending',
		name: 'approveAfterAmend',
		type: 'boolean',
		default: false,
		displayOptions: forActions('amend'),
		description: 'Whether Awin approves the transaction right after amending it',
	},
	{
		displayName: 'Tracking Parameters',
		name: 'customParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: forActions('amendTrackingParameters'),
		description: 'Custom parameter values to create or update. Awin cannot delete a value or set it blank.',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description:
					'With Wait for Result: how long to wait between two reads of the job. Each read counts against the 20 calls per minute.',
			},
			...requestOptionFields,
			{
				displayName: 'Wait for Result',
				name: 'waitForResult',
				type: 'boolean',
				default: false,
				description:
					"Whether to wait until Awin has processed the job and give each item Awin's own outcome (done, or failed with Awin's code)",
			},
			{
				displayName: 'Wait Timeout (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 600,
				description:
					'With Wait for Result: how long to wait for Awin to finish. Items of an unfinished job stay "submitted"; read the job later with Get Validation Job.',
			},
		],
	},
];

interface ValidateOptions {
	waitForResult?: boolean;
	pollIntervalSeconds?: number;
	maxWaitSeconds?: number;
}

/**
 * Tracking parameter amendments go in calls of their own, after the approvals, declines and amounts:
 * their body shape is contested between Awin's pages (docs/awin-api.md), and Awin refuses a whole
 * call it cannot read. So a refused shape fails only those items; the others keep their outcome.
 */
const CALL_KINDS = ['status', 'trackingParameters'] as const;
type CallKind = (typeof CALL_KINDS)[number];
const callKind = (validation: Validation): CallKind => (validation.action === 'amendTrackingParameters' ? 'trackingParameters' : 'status');

/**
 * The checked validations of one kind of call to one advertiser, in input order. Item indexes and
 * validations are kept side by side, not as one object per item: at 100,000 items such objects,
 * all alive until the end, cost a third more CPU in garbage collection (npm run bench).
 */
interface Call {
	kind: CallKind;
	advertiserId: string;
	itemIndexes: number[];
	payloads: Validation[];
}

/** The parts-do-not-add-up warnings, by item index: few items have one. */
type Warnings = Map<number, string>;

/** Local date-times Awin wants; an n8n date with offset is moved into the chosen timezone first. */
function toAwinDateTime(value: unknown, timezone: string): unknown {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string') return text;
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return text;
	const local = parseLocal(text, timezone);
	return local.isValid ? local.toFormat(AWIN_DATETIME) : text;
}

/** Shop systems give amounts as strings ("12.50"); Awin wants numbers. */
function toNumber(value: unknown): unknown {
	return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

const IDENTIFY_BY = ['transactionId', 'orderRef'] as const;

/** Builds one batch element from the fields; the schema decides whether it is valid. */
function validationFromFields(ctx: IExecuteFunctions, i: number): unknown {
	const value = (name: string, fallback?: unknown) => readPayloadValue(ctx, name, i, fallback);
	const chosen = value('validationAction') as string;
	const action = chosen === 'fromInput' ? String(value('actionFromInput', '')).trim() : chosen;
	const transaction: Record<string, unknown> = {};
	// Texts go to Awin as they are: each at most MAX_TEXT_LENGTH characters (the schema checks the rest).
	const text = (label: string, value: unknown) => (typeof value === 'string' ? checkText(ctx.getNode(), i, label, value) : value);
	if (readOption(ctx, 'identifyBy', 'Identify Transaction By', IDENTIFY_BY, i) === 'transactionId') {
		transaction.transactionId = toNumber(value('transactionId'));
	} else {
		const timezone = value('timezone') as string;
		transaction.orderRef = text('Order Reference', String(value('orderRef') ?? ''));
		transaction.transactionDate = toAwinDateTime(value('transactionDate'), timezone);
		transaction.timezone = timezone;
	}
	const validation: Record<string, unknown> = { action, transaction };
	if (action === 'decline') {
		transaction.declineReason = text('Decline Reason', value('declineReason'));
	} else if (action === 'amend') {
		transaction.amendReason = text('Amend Reason', value('amendReason'));
		transaction.currency = String(value('currency') ?? '').trim().toUpperCase();
		transaction.saleAmount = toNumber(value('saleAmount'));
		const parts = value('transactionParts.part', []) as IDataObject[];
		if (parts.length > 0) {
			transaction.transactionParts = parts.map((p) => ({
				amount: toNumber(p.amount),
				commissionGroupCode: text('Commission Group Code', p.commissionGroupCode),
			}));
		}
		validation.approve = readBoolean(ctx, 'approveAfterAmend', 'Approve After Amending', i);
	} else if (action === 'amendTrackingParameters') {
		const reason = readText(ctx, 'amendReason', 'Amend Reason', i);
		if (reason) transaction.amendReason = reason;
		const parameters = value('customParameters.parameter', []) as IDataObject[];
		transaction.customParameters = parameters.map((p) => ({
			key: text('Tracking Parameters > Key', p.key),
			value: text('Tracking Parameters > Value', p.value),
		}));
	}
	return validation;
}

/** The parameter's default: the whole input item. */
const WHOLE_ITEM = '={{ $json }}';

/** item is given when the parameter is the default: evaluating it per item was most of the CPU of large runs. */
function validationFromJson(ctx: IExecuteFunctions, i: number, item?: { json: IDataObject }): unknown {
	const value = item ? item.json : readPayloadValue(ctx, 'validationJson', i);
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		throw refuse(ctx.getNode(), i, 'Validation (JSON)', value, 'must be valid JSON');
	}
}

/** What an output item says about its transaction. */
function describe(validation: Validation, advertiserId: string, warning: string | undefined, jobId?: string | null, status?: string): IDataObject {
	// One literal with every field, not fields added one by one or spread: this runs for every one
	// of tens of thousands of items, and an object given its fields later grows a second store.
	const { action, transaction } = validation;
	const json: IDataObject =
		transaction.transactionId !== undefined
			? { action, transactionId: transaction.transactionId, advertiserId, jobId, status }
			: {
					action,
					orderRef: transaction.orderRef,
					transactionDate: transaction.transactionDate,
					timezone: transaction.timezone,
					advertiserId,
					jobId,
					status,
				};
	if (warning) json.warnings = [warning];
	return json;
}

/**
 * Every item's validation, checked and put in its call: status actions first, then tracking
 * parameters (CALL_KINDS), each by advertiser in input order. An invalid item gets its outcome here.
 */
function checkItems(ctx: IExecuteFunctions, items: INodeExecutionData[], outcomes: ItemOutcomes): { calls: Call[]; warnings: Warnings } {
	const jsonParameter = ctx.getNode().parameters.validationJson;
	const readsWholeItem = jsonParameter === undefined || (typeof jsonParameter === 'string' && jsonParameter.trim() === WHOLE_ITEM);
	const inputMode = perItemParameter<string>(ctx, 'inputMode');
	const calls = new Map<string, Call>();
	const warnings: Warnings = new Map();
	let call: Call | undefined;
	for (let i = 0; i < items.length; i++) {
		try {
			const advertiserId = readAccountId(ctx, 'advertiserId', i);
			const raw = inputMode(i) === 'json' ? validationFromJson(ctx, i, readsWholeItem ? items[i] : undefined) : validationFromFields(ctx, i);
			const checked = validatePayload(ctx, validationSchema, raw, i, 'validation', plainValidation);
			if (checked instanceof InvalidPayload) {
				outcomes.fail(i, { status: 'invalid' }, checked.error);
				continue;
			}
			const kind = callKind(checked);
			// Items in a row nearly always share their call: looked up only when that changes.
			if (call?.kind !== kind || call.advertiserId !== advertiserId) {
				const key = `${kind} ${advertiserId}`;
				call = calls.get(key) ?? { kind, advertiserId, itemIndexes: [], payloads: [] };
				calls.set(key, call);
			}
			call.itemIndexes.push(i);
			call.payloads.push(checked);
			const warning = partsWarning(checked);
			if (warning) warnings.set(i, warning);
		} catch (error) {
			outcomes.fail(i, { status: 'invalid' }, toNodeError(ctx, error, i));
		}
	}
	return { calls: CALL_KINDS.flatMap((kind) => [...calls.values()].filter((c) => c.kind === kind)), warnings };
}

/** A call split into batches of at most `size` validations, each with its item indexes. */
function batchesOf(call: Call, size: number): Array<{ itemIndexes: number[]; payloads: Validation[] }> {
	const itemIndexes = chunk(call.itemIndexes, size);
	return chunk(call.payloads, size).map((payloads, b) => ({ itemIndexes: itemIndexes[b], payloads }));
}

const NO_RESULTS: ReadonlyMap<number, ItemResult> = new Map();

/** Each sent item's outcome: submitted, or Awin's own result when the node waited for it. */
function recordOutcomes(sent: SentBatch[], results: ReadonlyMap<number, ItemResult>, warnings: Warnings, outcomes: ItemOutcomes): void {
	for (const batch of sent) {
		const notice = batch.jobId
			? undefined
			: `Awin's answer carried no job ID (${String(JSON.stringify(batch.answer)).slice(0, 200)}); the actions were submitted`;
		batch.itemIndexes.forEach((itemIndex, k) => {
			// Both maps are usually empty (not waiting, no warnings): then they are not asked.
			const result = results.size > 0 ? results.get(itemIndex) : undefined;
			const warning = warnings.size > 0 ? warnings.get(itemIndex) : undefined;
			const json = describe(batch.payloads[k], batch.advertiserId, warning, batch.jobId ?? null, result ? undefined : 'submitted');
			if (!result) {
				if (notice) json.notice = notice;
				outcomes.succeed(itemIndex, json);
			} else if (result.error) outcomes.fail(itemIndex, Object.assign(json, result.json), result.error);
			else outcomes.succeed(itemIndex, Object.assign(json, result.json));
		});
	}
}

export const validate: AwinOperation = {
	description: updateDisplayOptions({ show: { resource: ['transaction'], operation: ['validate'] } }, properties),

	async execute(items) {
		const outcomes = new ItemOutcomes(this, items.length);
		const options = readCollection(this, 'options', 'Options', 0) as ValidateOptions;
		// A negative or zero interval would poll without pause, burning the quota past the time limit.
		checkNumber(this.getNode(), 0, 'Poll Interval (Seconds)', options.pollIntervalSeconds, { min: 0.01, max: 3_600 });
		checkNumber(this.getNode(), 0, 'Wait Timeout (Seconds)', options.maxWaitSeconds, { min: 1, max: 86_400 });

		// 1. Every item checked before anything is sent.
		const { calls, warnings } = checkItems(this, items, outcomes);
		outcomes.throwIfFailed('Nothing was sent to Awin. Fix the items, or turn on Continue On Fail to send the valid ones.');

		// 2. One call per advertiser and 40,000 actions, in input order; tracking parameters apart.
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const waiting = options.waitForResult === true;
		const sent: SentBatch[] = [];
		let stopped = false;
		for (const call of calls) {
			const { advertiserId } = call;
			for (const { itemIndexes, payloads } of batchesOf(call, MAX_PER_CALL.validations)) {
				const failAll = (error: (itemIndex: number) => NodeOperationError | NodeApiError) =>
					itemIndexes.forEach((itemIndex, k) =>
						outcomes.fail(itemIndex, describe(payloads[k], advertiserId, warnings.get(itemIndex), undefined, 'failed'), error(itemIndex)),
					);
				if (stopped) {
					failAll((itemIndex) => new NodeOperationError(this.getNode(), 'Not sent to Awin because an earlier call failed', { itemIndex }));
					continue;
				}
				try {
					const { body } = await client.request({
						method: 'POST',
						path: `/advertisers/${advertiserId}/transactions/batch`,
						body: payloads,
						idempotent: BATCH_IS_IDEMPOTENT,
						expect: batchAnswer,
						itemIndex: itemIndexes[0],
					});
					const batch = { advertiserId, itemIndexes, payloads, answer: body, jobId: parseJobId(body) };
					sent.push(batch);
					// Without waiting, "submitted" is final: recorded now, while the batch is at hand.
					if (!waiting) recordOutcomes([batch], NO_RESULTS, warnings, outcomes);
				} catch (error) {
					const nodeError = toNodeError(this, error, itemIndexes[0]);
					failAll(() => nodeError);
					stopped = !this.continueOnFail();
				}
			}
		}

		// 3. When waiting: Awin's own result for each sent item ("submitted" when a later call failed).
		if (waiting) {
			const results = stopped
				? NO_RESULTS
				: await awaitValidationJobs(this, client, sent, {
						intervalMs: (options.pollIntervalSeconds ?? 30) * 1000,
						timeoutMs: (options.maxWaitSeconds ?? 600) * 1000,
					});
			recordOutcomes(sent, results, warnings, outcomes);
		}
		return outcomes.finish(submittedSummary(sent));
	},
};

function submittedSummary(sent: SentBatch[]): string {
	if (sent.length === 0) return 'Nothing was sent to Awin.';
	const count = sent.reduce((n, b) => n + b.payloads.length, 0);
	const jobs = sent
		.map((b) => `advertiser ${b.advertiserId} job ${b.jobId ?? '(no ID)'}: ${b.payloads.length} (items ${b.itemIndexes[0]}–${b.itemIndexes[b.itemIndexes.length - 1]})`)
		.join('; ');
	return `Already submitted to Awin: ${count} action${count === 1 ? '' : 's'} in ${sent.length} call${sent.length === 1 ? '' : 's'} (${jobs}). Re-sending them is harmless: Awin answers 304 for transactions already in that state.`;
}

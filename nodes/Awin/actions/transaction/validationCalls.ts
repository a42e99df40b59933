import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../../shared/helpers/batch';
import type { ItemOutcomes } from '../../../shared/helpers/outcomes';
import { toNodeError } from '../../../shared/helpers/outcomes';
import { MAX_PER_CALL } from '../../../shared/limits';
import { InvalidPayload, readAccountId, validatePayload } from '../../../shared/params';
import type { AwinClient } from '../../../shared/transport';
import { batchAnswer, parseJobId } from './validationJobs';
import { itemValidations } from './validationPayload';
import type { ItemResult, SentBatch } from './validationResults';
import type { Validation } from './validationSchema';
import { partsWarning, plainValidation, validationSchema } from './validationSchema';

/**
 * Every action sets a target state (approved, declined, these amounts, these parameters), so a
 * batch re-sent after an ambiguous failure (timeout, dropped connection, 504) changes nothing more:
 * Awin answers 304 "already in that state" per transaction, which counts as done. The client may
 * therefore retry the POST; the cost is a second job in Awin's job list.
 */
const BATCH_IS_IDEMPOTENT = true;

/**
 * Tracking parameter amendments go in calls of their own, after the approvals, declines and amounts:
 * their body shape is contested between Awin's pages (docs/awin-api.md), and Awin refuses a whole
 * call it cannot read. So a refused shape fails only those items; the others keep their outcome.
 */
const CALL_KINDS = ['status', 'trackingParameters'] as const;
type CallKind = (typeof CALL_KINDS)[number];
const callKind = (validation: Validation): CallKind =>
	validation.action === 'amendTrackingParameters' ? 'trackingParameters' : 'status';

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

/** What an output item says about its transaction. */
function describe(
	validation: Validation,
	advertiserId: string,
	warning: string | undefined,
	jobId?: string | null,
	status?: string,
): IDataObject {
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
export function checkItems(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	outcomes: ItemOutcomes,
): { calls: Call[]; warnings: Warnings } {
	const validationOf = itemValidations(ctx, items);
	const calls = new Map<string, Call>();
	const warnings: Warnings = new Map();
	let call: Call | undefined;
	for (let i = 0; i < items.length; i++) {
		try {
			const advertiserId = readAccountId(ctx, 'advertiserId', i);
			const raw = validationOf(i);
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
	return {
		calls: CALL_KINDS.flatMap((kind) => [...calls.values()].filter((c) => c.kind === kind)),
		warnings,
	};
}

/** A call split into batches of at most `size` validations, each with its item indexes. */
function batchesOf(
	call: Call,
	size: number,
): Array<{ itemIndexes: number[]; payloads: Validation[] }> {
	const itemIndexes = chunk(call.itemIndexes, size);
	return chunk(call.payloads, size).map((payloads, b) => ({
		itemIndexes: itemIndexes[b],
		payloads,
	}));
}

export const NO_RESULTS: ReadonlyMap<number, ItemResult> = new Map();

/** Each sent item's outcome: submitted, or Awin's own result when the node waited for it. */
export function recordOutcomes(
	sent: SentBatch[],
	results: ReadonlyMap<number, ItemResult>,
	warnings: Warnings,
	outcomes: ItemOutcomes,
): void {
	for (const batch of sent) {
		const notice = batch.jobId
			? undefined
			: `Awin's answer carried no job ID (${String(JSON.stringify(batch.answer)).slice(0, 200)}); the actions were submitted`;
		batch.itemIndexes.forEach((itemIndex, k) => {
			// Both maps are usually empty (not waiting, no warnings): then they are not asked.
			const result = results.size > 0 ? results.get(itemIndex) : undefined;
			const warning = warnings.size > 0 ? warnings.get(itemIndex) : undefined;
			const json = describe(
				batch.payloads[k],
				batch.advertiserId,
				warning,
				batch.jobId ?? null,
				result ? undefined : 'submitted',
			);
			if (!result) {
				if (notice) json.notice = notice;
				outcomes.succeed(itemIndex, json);
			} else if (result.error)
				outcomes.fail(itemIndex, Object.assign(json, result.json), result.error);
			else outcomes.succeed(itemIndex, Object.assign(json, result.json));
		});
	}
}

/**
 * Sends each call in batches of at most MAX_PER_CALL.validations, in order. Without waiting,
 * "submitted" is each item's final outcome, recorded as its batch returns. After a failed call the
 * later ones are not sent (each of their items fails saying so), unless Continue On Fail is on.
 */
export async function sendCalls(
	ctx: IExecuteFunctions,
	client: AwinClient,
	calls: Call[],
	warnings: Warnings,
	outcomes: ItemOutcomes,
	waiting: boolean,
): Promise<{ sent: SentBatch[]; stopped: boolean }> {
	const sent: SentBatch[] = [];
	let stopped = false;
	for (const call of calls) {
		const { advertiserId } = call;
		for (const { itemIndexes, payloads } of batchesOf(call, MAX_PER_CALL.validations)) {
			const failAll = (error: (itemIndex: number) => NodeOperationError | NodeApiError) =>
				itemIndexes.forEach((itemIndex, k) => {
					const json = describe(
						payloads[k],
						advertiserId,
						warnings.get(itemIndex),
						undefined,
						'failed',
					);
					outcomes.fail(itemIndex, json, error(itemIndex));
				});
			if (stopped) {
				const notSent = 'Not sent to Awin because an earlier call failed';
				failAll((itemIndex) => new NodeOperationError(ctx.getNode(), notSent, { itemIndex }));
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
				const jobId = parseJobId(body);
				const batch = { advertiserId, itemIndexes, payloads, answer: body, jobId };
				sent.push(batch);
				if (!waiting) recordOutcomes([batch], NO_RESULTS, warnings, outcomes);
			} catch (error) {
				const nodeError = toNodeError(ctx, error, itemIndexes[0]);
				failAll(() => nodeError);
				stopped = !ctx.continueOnFail();
			}
		}
	}
	return { sent, stopped };
}

export function submittedSummary(sent: SentBatch[]): string {
	if (sent.length === 0) return 'Nothing was sent to Awin.';
	const count = sent.reduce((n, b) => n + b.payloads.length, 0);
	const jobs = sent
		.map(
			(b) =>
				`advertiser ${b.advertiserId} job ${b.jobId ?? '(no ID)'}: ${b.payloads.length} (items ${b.itemIndexes[0]}–${b.itemIndexes[b.itemIndexes.length - 1]})`,
		)
		.join('; ');
	return `Already submitted to Awin: ${count} action${count === 1 ? '' : 's'} in ${sent.length} call${sent.length === 1 ? '' : 's'} (${jobs}). Re-sending them is harmless: Awin answers 304 for transactions already in that state.`;
}

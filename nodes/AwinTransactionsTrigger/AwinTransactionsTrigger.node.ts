import { DateTime } from 'luxon';
import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AWIN_DATETIME, dateWindows, parseLocal } from '../shared/dates';
import {
	accountFields,
	requestOptionFields,
	simplifyField,
	timezoneField,
} from '../shared/descriptions';
import { fetchTransactionWindows, presentTransactions } from '../shared/helpers/transactions';
import {
	checkOption,
	readAccount,
	readClientSettings,
	readCollection,
	readNumber,
	readOption,
	splitList,
} from '../shared/params';
import { createAwinClient } from '../shared/transport';
import { AWIN_TIMEZONES, MAX_WINDOW_DAYS, transactionsTrigger } from '../shared/limits';
import type { Emitted, Observed } from '../shared/helpers/pollMemory';
import { amountsOf, diffTransactions, readMemory } from '../shared/helpers/pollMemory';

const STATUSES = ['approved', 'declined', 'deleted', 'pending'] as const;

/** As the editor allows; an expression cannot ask for more. */
const LOOK_BACK_DAYS = { min: 1, max: 365, integer: true };
const DATE_TYPES = ['transaction', 'validation'] as const;
/** Where the memory lives in the node's static data. */
const MEMORY_KEY = 'transactions';

interface TriggerOptions {
	emitExisting?: boolean;
	simplify?: boolean;
	statuses?: string[];
}

const options: INodeProperties[] = [
	{
		displayName: 'Emit Existing on First Poll',
		name: 'emitExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether the first poll emits every transaction of the look-back window. Off: the first poll only records them, so activating the workflow does not flood it.',
	},
	...requestOptionFields,
	simplifyField,
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: [
			{ name: 'Approved', value: 'approved' },
			{ name: 'Declined', value: 'declined' },
			{ name: 'Deleted', value: 'deleted' },
			{ name: 'Pending', value: 'pending' },
		],
		default: [],
		description:
			'Only emit transactions that are now in one of these statuses (all when empty). The others are still remembered, so a pending sale that is approved later counts as a status change.',
	},
	timezoneField,
];

export class AwinTransactionsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Awin Transactions Trigger',
		name: 'awinTransactionsTrigger',
		icon: { light: 'file:../../icons/awin.svg', dark: 'file:../../icons/awin.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Last " + $parameter["lookBackDays"] + " days"}}',
		description:
			'Starts the workflow when an Awin transaction is new, changes status or is amended',
		defaults: { name: 'Awin Transactions Trigger' },
		credentials: [{ name: 'awinApi', required: true }],
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName:
					'Each poll reads the transactions of the look-back window and emits those that are new, changed status or were amended since the last poll. <b>The first poll after activation only records what exists</b> (unless Emit Existing on First Poll is on). Each poll costs one Awin call per 31 days of look-back, from the same 20-per-minute quota as the Awin node. Fetch Test Event shows the newest transactions as examples and changes nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...accountFields(['advertiser', 'publisher']),
			{
				displayName: 'Look-Back Days',
				name: 'lookBackDays',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 365 },
				default: 30,
				description:
					'How many days each poll reads back from now. Statuses change for weeks after a sale: changes to older transactions are not seen.',
			},
			{
				displayName: 'Date Type',
				name: 'dateType',
				type: 'options',
				options: [
					{
						name: 'Transaction',
						value: 'transaction',
						description: 'Watch sales made in the look-back window',
					},
					{
						name: 'Validation',
						value: 'validation',
						description:
							'Watch transactions approved or declined in the look-back window, however old the sale',
					},
				],
				default: 'transaction',
				description: 'Which date of a transaction must lie in the look-back window',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options,
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const account = readAccount(this, 0, ['advertiser', 'publisher']);
		const dateType = readOption(this, 'dateType', 'Date Type', DATE_TYPES, 0, 'transaction');
		const timezone = readOption(this, 'options.timezone', 'Timezone', AWIN_TIMEZONES, 0, 'UTC');
		const lookBackDays =
			readNumber(this, 'lookBackDays', 'Look-Back Days', 0, LOOK_BACK_DAYS) ?? 30;
		const settings = readCollection(this, 'options', 'Options', 0) as TriggerOptions;
		const statuses: string[] = splitList(settings.statuses).map((status) =>
			checkOption(this.getNode(), 0, 'Statuses', status, STATUSES),
		);

		const end = DateTime.now().setZone(timezone).startOf('second');
		const start = end.minus({ days: lookBackDays });
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const rows = await fetchTransactionWindows(
			client,
			`${account.path}/transactions/`,
			{ timezone, dateType },
			dateWindows(start, end, MAX_WINDOW_DAYS.transactions, timezone, AWIN_DATETIME),
			undefined,
			0,
		);

		const observed = rows.map((row) => observe(row, dateType, timezone, end.toMillis()));
		const watched = (e: Emitted) =>
			statuses.length === 0 || statuses.includes(e.transaction.status);
		const present = presentTransactions(settings.simplify === true);
		const toItems = (emitted: Emitted[]) => {
			const shaped = present(emitted.map((e) => e.transaction.row));
			return this.helpers.returnJsonArray(
				shaped.map((json, i) => ({
					...json,
					change: emitted[i].change,
					previousStatus: emitted[i].previousStatus,
				})),
			);
		};

		if (this.getMode() === 'manual') {
			// Examples for building the workflow: the newest transactions, as a first sight of them.
			// The memory is neither read nor changed, so testing never hides a change from the
			// active workflow.
			const examples = observed
				.map((transaction): Emitted => ({ transaction, change: 'new', previousStatus: null }))
				.filter(watched)
				.sort((a, b) => b.transaction.at - a.transaction.at)
				.slice(0, transactionsTrigger.manualExamples);
			return examples.length > 0 ? [toItems(examples)] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const scope = `${account.path}|${dateType}`;
		const diff = diffTransactions(readMemory(staticData[MEMORY_KEY], scope), scope, observed, {
			windowStart: start.toMillis(),
			maxRemembered: transactionsTrigger.maxRemembered,
		});
		// Assigned only when it changed: n8n saves the workflow's static data when it is touched.
		if (diff.memoryChanged) staticData[MEMORY_KEY] = diff.memory as unknown as IDataObject;

		const emit =
			diff.firstPoll && settings.emitExisting !== true ? [] : diff.changes.filter(watched);
		return emit.length > 0 ? [toItems(emit)] : null;
	}
}

/** A transaction of Awin's answer, with what the memory compares. */
function observe(row: IDataObject, dateType: string, timezone: string, fallback: number): Observed {
	const date = dateType === 'validation' ? row.validationDate : row.transactionDate;
	const at = typeof date === 'string' && date ? parseLocal(date, timezone).toMillis() : NaN;
	return {
		id: String(row.id),
		status: String(row.commissionStatus ?? ''),
		amounts: amountsOf(row),
		// A date Awin did not give keeps the transaction for a whole look-back window.
		at: Number.isFinite(at) ? at : fallback,
		row,
	};
}

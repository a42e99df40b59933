import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { accountLocator, requestOptionFields } from '../shared/descriptions';
import { fetchPartnerships, partnershipsPath } from '../shared/helpers/partnerships';
import { transactionsTrigger } from '../shared/limits';
import { readAccountId, readBoolean, readClientSettings, readOption } from '../shared/params';
import { createAwinClient } from '../shared/transport';
import type { Observed } from '../shared/helpers/pollMemory';
import { diffTransactions, readMemory } from '../shared/helpers/pollMemory';

/** Each event: whose side, and the pending status it watches. */
const EVENTS = {
	newApplication: { side: 'advertiser', status: 'APPLICATION_PENDING', partner: 'publisher' },
	newInvitation: { side: 'publisher', status: 'INVITE_PENDING', partner: 'advertiser' },
} as const;
type EventName = keyof typeof EVENTS;

/** Where the memory lives in the node's static data. */
const MEMORY_KEY = 'partnerships';

export class AwinPartnershipTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Awin Partnership Trigger',
		name: 'awinPartnershipTrigger',
		icon: { light: 'file:../../icons/awin.svg', dark: 'file:../../icons/awin.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["event"] === "newInvitation" ? "New invitation" : "New partnership application"}}',
		description:
			'Starts the workflow when a publisher applies to your programme, or an advertiser invites you',
		defaults: { name: 'Awin Partnership Trigger' },
		credentials: [{ name: 'awinApi', required: true }],
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName:
					'Each poll reads the pending applications (or invitations) and emits each one once: those already pending when you activate the workflow come in the first poll. Fetch Test Event shows the newest as examples and changes nothing.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Invitation',
						value: 'newInvitation',
						description: 'Publisher: an advertiser invited you to its programme',
					},
					{
						name: 'New Partnership Application',
						value: 'newApplication',
						description: 'Advertiser: a publisher applied to your programme',
					},
				],
				default: 'newApplication',
			},
			accountLocator('advertiserId', { displayOptions: { show: { event: ['newApplication'] } } }),
			accountLocator('publisherId', { displayOptions: { show: { event: ['newInvitation'] } } }),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Skip Those Pending at Activation',
						name: 'skipExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll only records what is pending already, so only later applications (or invitations) start the workflow',
					},
					...requestOptionFields,
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = readOption(
			this,
			'event',
			'Event',
			Object.keys(EVENTS) as EventName[],
			0,
			'newApplication',
		);
		const { side, status, partner } = EVENTS[event];
		const id = readAccountId(this, side === 'advertiser' ? 'advertiserId' : 'publisherId', 0);
		const account = { side, id, path: `/${side}s/${id}` };
		const skipExisting = readBoolean(
			this,
			'options.skipExisting',
			'Skip Those Pending at Activation',
			0,
		);

		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const qs = { partnershipStatus: status, sort: '-partnership.statusUpdatedAt' };
		const rows = await fetchPartnerships(
			client,
			partnershipsPath(account),
			qs,
			undefined,
			0,
			this.getNode(),
		);
		const observed = rows.map((row) => observe(this, row, partner));
		const toItems = (list: Observed[]) =>
			this.helpers.returnJsonArray(list.map((o) => ({ ...o.row, event })));

		if (this.getMode() === 'manual') {
			// Examples only: the memory is neither read nor changed, so a test hides nothing later.
			return observed.length > 0
				? [toItems(observed.slice(0, transactionsTrigger.manualExamples))]
				: null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const scope = `${account.path}|${event}`;
		// The memory of the Awin Transactions Trigger, keyed by the partner's ID; the time the
		// status was reached stands for the amounts, so an application made again (after a
		// rejection) is new again.
		const diff = diffTransactions(readMemory(staticData[MEMORY_KEY], scope), scope, observed, {
			windowStart: 0,
			maxRemembered: transactionsTrigger.maxRemembered,
		});
		if (diff.memoryChanged) staticData[MEMORY_KEY] = diff.memory as unknown as IDataObject;
		const emit =
			diff.firstPoll && skipExisting ? [] : diff.changes.map((change) => change.transaction);
		return emit.length > 0 ? [toItems(emit)] : null;
	}
}

/** A pending partnership as the memory compares it: the partner's ID, and when it became pending. */
function observe(
	ctx: IPollFunctions,
	row: IDataObject,
	partner: 'publisher' | 'advertiser',
): Observed {
	const id = (row[partner] as IDataObject | undefined)?.id;
	const partnership = (row.partnership ?? {}) as IDataObject;
	if (id === undefined || id === null || String(id) === '') {
		// A row without the partner's ID cannot be remembered: emitting it could repeat it forever.
		throw new NodeOperationError(
			ctx.getNode(),
			`Awin's list of partnerships has a row without the ${partner}'s ID`,
			{
				description: JSON.stringify(row).slice(0, 300),
			},
		);
	}
	const updatedAt = String(partnership.statusUpdatedAt ?? '');
	const at = Date.parse(updatedAt);
	return {
		id: String(id),
		status: String(partnership.status ?? ''),
		amounts: updatedAt,
		at: Number.isFinite(at) ? at : 0,
		row,
	};
}

import type { INodeProperties } from 'n8n-workflow';

import { requestOptionFields } from './requestOptions';

/** Parameters both "Create Orders" operations share (each scopes them with updateDisplayOptions). */

export const inputModeField: INodeProperties = {
	displayName: 'Input Mode',
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Map Each Field',
			value: 'fields',
			description: 'Fill each order field, usually with expressions from the input item',
		},
		{
			name: 'Order JSON From Input',
			value: 'json',
			description: "Each input item already holds an order in Awin's own field names",
		},
	],
	default: 'fields',
};

export const orderFieldField: INodeProperties = {
	displayName: 'Order Field',
	name: 'orderField',
	type: 'string',
	default: '',
	placeholder: 'e.g. order',
	description:
		'The field of each input item that holds the order (dots reach into nested fields). Leave empty when the whole item is the order.',
	displayOptions: { show: { inputMode: ['json'] } },
};

export const commissionGroupsField = (emptyMeans: string): INodeProperties => ({
	displayName: 'Commission Groups',
	name: 'commissionGroups',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Commission Group',
	default: {},
	description:
		"The parts of the order per commission group, as set up in Awin's Commission Management. " +
		emptyMeans,
	options: [
		{
			displayName: 'Group',
			name: 'group',
			values: [
				{
					displayName: 'Code',
					name: 'code',
					type: 'string',
					default: 'DEFAULT',
					description: 'Upper-case letters, digits, underscore, period and hyphen',
				},
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'string',
					default: '',
					placeholder: 'e.g. 49.99',
					description: 'The amount spent in this group, with a period for decimals',
				},
			],
		},
	],
});

export const customerAcquisitionField: INodeProperties = {
	displayName: 'Customer Acquisition',
	name: 'customerAcquisition',
	type: 'options',
	options: [
		{ name: 'New Customer', value: 'NEW' },
		{ name: 'Returning Customer', value: 'RETURNING' },
	],
	default: 'NEW',
	description:
		"Whether this is the customer's first order. An expression may return NEW or RETURNING.",
};

export const clickTimeField: INodeProperties = {
	displayName: 'Click Time',
	name: 'clickTime',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1762859852 or 2025-11-11T10:37:32Z',
	description: 'When the click happened: unix seconds (10 digits) or an ISO 8601 date',
};

/** The "Options" collection; `webhook` only for the Conversion API. */
export function orderOptions(api: 'conversion' | 'proofOfPurchase'): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			// 1000 = MAX_PER_CALL.orders; n8n's lint needs a literal default.
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 1000,
			description: 'Orders per call to Awin (Awin takes at most 1000)',
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Batch',
					value: 'perBatch',
					description: 'A summary per call to Awin: counts, batch ID and the failed orders',
				},
				{
					name: 'One Item per Order',
					value: 'perOrder',
					description: 'Each input item gets its result: status, batch ID, correlation ID, errors',
				},
			],
			default: 'perOrder',
		},
		{
			displayName: 'Skip Orders Already Sent',
			name: 'skipAlreadySent',
			type: 'boolean',
			default: false,
			description:
				'Whether to remember in n8n\'s database each order Awin accepted (by account and order reference) and skip it when it comes again in a later execution, on any worker: a retried shop webhook or a re-run registers nothing twice. Skipped orders get status "duplicate".',
		},
		{
			displayName: 'Test Orders',
			name: 'isTest',
			type: 'boolean',
			default: false,
			description:
				api === 'conversion'
					? 'Whether to send the orders with isTest: true, which Awin accepts but does not track'
					: 'Whether to send the orders with isTest: true. Awin documents this flag for the Conversion API only; check with Awin before relying on it here.',
		},
	];
	if (api === 'conversion') {
		options.push({
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/awin-orders',
			description:
				"Awin posts each batch's final result (successful, pending and failed orders) to this address once it has processed them, e.g. the Awin Trigger's URL",
		});
	}
	const requestOptions =
		api === 'proofOfPurchase'
			? // Proof of Purchase allows 6 calls per second, so the per-minute cap may go up to 360.
				requestOptionFields.map((field) =>
					field.name === 'requestsPerMinute'
						? {
								...field,
								typeOptions: { minValue: 1, maxValue: 360 },
								default: 360,
								description:
									"Lower this when other workflows or n8n workers use the same key, so together they stay under Awin's 6 calls per second. Calls over the quota wait; they are never dropped.",
							}
						: field,
				)
			: requestOptionFields;
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, ...requestOptions],
	};
}

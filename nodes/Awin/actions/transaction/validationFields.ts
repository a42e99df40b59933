import type { INodeProperties } from 'n8n-workflow';

import { timezoneField } from '../../../shared/descriptions';

const forActions = (...actions: string[]) => ({
	show: { inputMode: ['fields'], validationAction: [...actions, 'fromInput'] },
});

/** Transaction > Validate's "Map Fields" parameters: the action and the transaction's fields. */
export const validationFields: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'validationAction',
		type: 'options',
		options: [
			{
				name: 'Amend',
				value: 'amend',
				description: 'Change the sale amount and commission group parts',
			},
			{
				name: 'Amend Tracking Parameters',
				value: 'amendTrackingParameters',
				description: 'Create or update custom tracking parameter values',
			},
			{ name: 'Approve', value: 'approve', description: 'Confirm the commission' },
			{
				name: 'Decline',
				value: 'decline',
				description: 'Cancel the commission, e.g. for a refund',
			},
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
		...timezoneField,
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
		description:
			'Custom parameter values to create or update. Awin cannot delete a value or set it blank.',
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
];

import type { INodeProperties } from 'n8n-workflow';

import {
	accountLocator,
	requestOptionFields,
	timezoneField,
} from '../../../../shared/descriptions';

/** Each mapped field: its parameter, label, default expression, what it holds. */
const mapped = (
	name: string,
	displayName: string,
	field: string,
	description: string,
	required = true,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: `={{ $json.${field} }}`,
	required,
	description,
});

export const reconcileProperties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one shop order. The node reads the Awin transactions of the dates the ' +
			'orders span (plus the margin) and sends each order and each transaction to one output. It ' +
			'sends nothing to Awin: connect Validate and Create Orders to the outputs.',
		name: 'reconcileNotice',
		type: 'notice',
		default: '',
	},
	accountLocator('advertiserId'),
	mapped(
		'shopOrderReference',
		'Order Reference',
		'orderReference',
		'The order reference Awin tracked (for Shopify usually the order name, e.g. #1001)',
	),
	mapped(
		'shopAmount',
		'Amount',
		'amount',
		'The amount Awin pays commission on, e.g. the subtotal after discounts, with a decimal point',
	),
	mapped(
		'shopCurrency',
		'Currency',
		'currency',
		'The order currency, an ISO 4217 code such as GBP',
	),
	mapped(
		'shopOrderDate',
		'Order Date',
		'orderDate',
		'When the order was placed; a date without offset is read in the timezone below',
	),
	mapped(
		'shopStatus',
		'Shop Status',
		'status',
		'Paid, refunded, partially refunded or cancelled ' +
			"(Shopify's paid, refunded, partially_refunded and voided work too)",
	),
	mapped(
		'shopRefundedAmount',
		'Refunded Amount',
		'refundedAmount',
		'How much was refunded; empty means nothing',
		false,
	),
	{
		displayName: 'Attribution for Re-Sending',
		name: 'resendAttribution',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'What Awin needs to attribute an order it is missing: AWC, or a voucher, or publisher ID and ' +
			'click time. Orders without it are listed with the reason.',
		options: [
			{
				displayName: 'AWC',
				name: 'awc',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.awc }}',
			},
			{
				displayName: 'Click Time',
				name: 'clickTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.clickTime }}',
				description: 'A date, or unix seconds',
			},
			{
				displayName: 'Publisher ID',
				name: 'publisherId',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.publisherId }}',
			},
			{
				displayName: 'Voucher',
				name: 'voucher',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.discountCode }}',
			},
		],
	},
	{
		...timezoneField,
		description: "Timezone of order dates without offset, of the days read and of Awin's dates",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Amend Reason',
				name: 'amendReason',
				type: 'string',
				default: 'Partial refund or changed amount in the shop',
				description: 'The reason each Amend item carries for Awin',
			},
			{
				displayName: 'Amount Tolerance',
				name: 'tolerance',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description:
					'Largest difference between shop and Awin amounts still counted as equal, in the order ' +
					'currency',
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: 'aw',
				description: 'Channel of the ready Conversion API orders ("aw" for Awin)',
			},
			{
				displayName: 'Decline Reason',
				name: 'declineReason',
				type: 'string',
				default: 'Order refunded or cancelled',
				description: 'The reason each Decline item carries for Awin (publishers see it)',
			},
			{
				displayName: 'Ignore Case',
				name: 'ignoreCase',
				type: 'boolean',
				default: true,
				description: 'Whether "ab-1" and "AB-1" are the same order reference',
			},
			{
				displayName: 'Ignore Leading #',
				name: 'ignoreLeadingHash',
				type: 'boolean',
				default: true,
				description: 'Whether "#1001" and "1001" are the same order reference',
			},
			{
				displayName: 'Margin (Days)',
				name: 'marginDays',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 31 },
				default: 3,
				description:
					'Days read before the first and after the last order: Awin may date a sale a little apart ' +
					'from the shop',
			},
			{
				displayName: 'Max Age to Re-Send (Days)',
				name: 'maxResendDays',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 365 },
				default: 30,
				description:
					'Orders older than this get no ready Conversion API order (Awin names no limit; see the docs)',
			},
			{
				displayName: 'Prefix to Ignore',
				name: 'prefix',
				type: 'string',
				default: '',
				placeholder: 'e.g. SHOP-',
				description:
					'A prefix one side adds to order references, removed from both before comparing',
			},
			{
				displayName: 'Send Order Date as Transaction Time',
				name: 'sendTransactionTime',
				type: 'boolean',
				default: false,
				description:
					'Whether ready Conversion API orders carry the order date (Awin must enable transaction ' +
					'time for your account first)',
			},
			...requestOptionFields,
		],
	},
];

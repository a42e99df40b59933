import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	clickTimeField,
	commissionGroupsField,
	customerAcquisitionField,
	inputModeField,
	orderFieldField,
	orderOptions,
} from '../../../shared/descriptions';
import { readCommissionGroups, withoutBlanks } from '../../../shared/orders/build';
import { conversionOrderSchema, plainConversionOrder } from '../../../shared/orders/schema';
import { createOrders, endpointPaths } from '../../../shared/orders/send';
import {
	readAccountId,
	readCollection,
	readPayloadValue,
	readText,
	refuse,
} from '../../../shared/params';
import type { AwinOperation } from '../types';

const fields = { show: { inputMode: ['fields'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Advertiser ID',
		name: 'advertiserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345',
		description: "Your Awin advertiser ID (shown in brackets in Awin's account switcher)",
	},
	inputModeField,
	orderFieldField,
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.name }}',
		description:
			'Your order or booking ID, at most 50 characters. An order reference repeated within one execution is sent once.',
		displayOptions: fields,
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 111.50',
		description:
			'Order subtotal after discounts, before taxes, delivery and service charges. A number with a period for decimals and no thousand separators.',
		displayOptions: fields,
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. GBP',
		description: 'ISO 4217 currency code of the amount',
		displayOptions: fields,
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		required: true,
		default: 'aw',
		description: 'The last-click referrer channel; "aw" means Awin',
		displayOptions: fields,
	},
	{
		displayName: 'AWC',
		name: 'awc',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1001_1692271186_8274157abd074b7a',
		description:
			'The Awin click ID the shop saved from the landing page URL (?awc=). Each order needs an AWC, a voucher, or a publisher ID with a click time.',
		displayOptions: fields,
	},
	{
		displayName: 'Additional Fields',
		name: 'orderFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fields,
		options: [
			{
				displayName: 'Basket',
				name: 'basket',
				type: 'json',
				default: '[]',
				description:
					"The order lines as a JSON array in Awin's basket field names (see the README), usually an expression that maps the shop's order lines",
			},
			clickTimeField,
			commissionGroupsField('Empty: one group DEFAULT carrying the whole amount.'),
			{
				displayName: 'Custom Parameters',
				name: 'custom',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Custom Parameter',
				default: {},
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{
								displayName: 'Key',
								name: 'key',
								type: 'number',
								typeOptions: { minValue: 1, maxValue: 127 },
								default: 1,
								description: 'A number from 1 to 127',
							},
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			customerAcquisitionField,
			{
				displayName: 'Publisher ID (Attribution)',
				name: 'publisherId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 20001',
				description:
					'The publisher that drove the sale, when there is no AWC: needs Click Time too',
			},
			{
				displayName: 'Transaction Time',
				name: 'transactionTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1762859931 or 2025-11-11T10:38:51Z',
				description:
					'When the sale happened, for orders not sent in real time: unix seconds or an ISO 8601 date. Ask your Awin contact to enable it first.',
			},
			{
				displayName: 'Voucher',
				name: 'voucher',
				type: 'string',
				default: '',
				description: 'The voucher code used; Awin then reports the sale as voucher attribution',
			},
		],
	},
	orderOptions('conversion'),
];

/** The order of one item in "fields" mode, in Awin's names; the schema checks it. */
function orderFromFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const extra = readCollection(ctx, 'orderFields', 'Additional Fields', itemIndex);
	const amount = readPayloadValue(ctx, 'amount', itemIndex) as string | number;
	const groups = readCommissionGroups(extra.commissionGroups);
	const custom = ((extra.custom as IDataObject | undefined)?.parameter ?? []) as IDataObject[];
	return withoutBlanks({
		orderReference: readPayloadValue(ctx, 'orderReference', itemIndex),
		amount,
		channel: readPayloadValue(ctx, 'channel', itemIndex),
		currency: readPayloadValue(ctx, 'currency', itemIndex),
		voucher: extra.voucher,
		awc: readPayloadValue(ctx, 'awc', itemIndex, ''),
		publisherId: extra.publisherId,
		clickTime: extra.clickTime,
		transactionTime: extra.transactionTime,
		customerAcquisition: extra.customerAcquisition,
		commissionGroups: groups.length > 0 ? groups : [{ code: 'DEFAULT', amount }],
		custom:
			custom.length > 0
				? Object.fromEntries(custom.map((p) => [String(p.key), p.value]))
				: undefined,
		basket: readBasket(ctx, extra.basket, itemIndex),
	});
}

/** The basket parameter: JSON text, or the array an expression returned; empty means none. */
function readBasket(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject[] | undefined {
	if (typeof value !== 'string')
		return Array.isArray(value) && value.length === 0 ? undefined : (value as IDataObject[]);
	if (value.trim() === '' || value.trim() === '[]') return undefined;
	try {
		return JSON.parse(value) as IDataObject[];
	} catch {
		const error = refuse(
			ctx.getNode(),
			itemIndex,
			'Basket',
			value,
			'must be a JSON array of basket lines',
		);
		error.description =
			'Give a JSON array of basket lines, or an expression that returns one. Not sent to Awin.';
		throw error;
	}
}

export const createOrdersOperation: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['conversion'], operation: ['createOrders'] } },
		properties,
	),

	async execute(items) {
		const webhookUrl = readText(this, 'options.webhookUrl', 'Webhook URL', 0);
		if (webhookUrl && !/^https?:\/\/[^\s/]+\S*$/i.test(webhookUrl)) {
			throw refuse(this.getNode(), 0, 'Webhook URL', webhookUrl, 'must be an http(s) address');
		}
		const endpoint = endpointPaths((advertiserId) => `/s2s/advertiser/${advertiserId}/orders`);
		return await createOrders(this, items, {
			api: 'conversion',
			what: 'Conversion API order',
			schema: conversionOrderSchema,
			plain: plainConversionOrder,
			path: (i) => endpoint(readAccountId(this, 'advertiserId', i)),
			fromFields: (i) => orderFromFields(this, i),
			extraBody: webhookUrl ? { webhook: { url: webhookUrl } } : undefined,
		});
	},
};

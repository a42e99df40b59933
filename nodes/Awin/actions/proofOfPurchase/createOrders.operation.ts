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
import { POP_COMMISSION_GROUPS_FIELD } from '../../../shared/orders/fields';
import {
	plainProofOfPurchaseOrder,
	proofOfPurchaseOrderSchema,
} from '../../../shared/orders/schema';
import { createOrders, endpointPaths } from '../../../shared/orders/send';
import { readAccountId, readCollection, readPayloadValue } from '../../../shared/params';
import type { AwinOperation } from '../types';

const fields = { show: { inputMode: ['fields'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Publisher ID',
		name: 'publisherId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 20001',
		description: 'Your Awin publisher ID, enabled for Proof of Purchase by Awin',
	},
	{
		displayName: 'Advertiser ID',
		name: 'advertiserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12345',
		description: 'The advertiser programme the transactions belong to',
	},
	inputModeField,
	orderFieldField,
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		required: true,
		default: '',
		description:
			"Unique transaction ID (the advertiser's order reference, or your own), at most 50 characters. Repeated within one execution, it is sent once.",
		displayOptions: fields,
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123.45',
		description:
			'Transaction value: a number with a period for decimals and no thousand separators',
		displayOptions: fields,
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EUR',
		description: 'ISO 4217 currency code of the amount',
		displayOptions: fields,
	},
	{
		displayName: 'Transaction Time',
		name: 'transactionTime',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1762859931 or 2025-11-11T10:38:51Z',
		description: 'When the purchase happened: unix seconds (10 digits) or an ISO 8601 date',
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
				displayName: 'AWC',
				name: 'awc',
				type: 'string',
				default: '',
				description: 'Click identifier, e.g. computed for an offer load event',
			},
			{
				displayName: 'Click Reference',
				name: 'clickRef',
				type: 'string',
				default: '',
				description: 'Your own reference for the transaction',
			},
			{
				...clickTimeField,
				description:
					'When the card was loaded (the "click"): unix seconds or an ISO 8601 date. Awin falls back to the transaction time.',
			},
			commissionGroupsField("Empty: none sent, Awin applies the programme's default."),
			customerAcquisitionField,
		],
	},
	orderOptions('proofOfPurchase'),
];

/** The order of one item in "fields" mode, in Awin's names; the schema checks it. */
function orderFromFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const extra = readCollection(ctx, 'orderFields', 'Additional Fields', itemIndex);
	const groups = readCommissionGroups(extra.commissionGroups);
	return withoutBlanks({
		orderReference: readPayloadValue(ctx, 'orderReference', itemIndex),
		amount: readPayloadValue(ctx, 'amount', itemIndex),
		currency: readPayloadValue(ctx, 'currency', itemIndex),
		transactionTime: readPayloadValue(ctx, 'transactionTime', itemIndex),
		[POP_COMMISSION_GROUPS_FIELD]: groups.length > 0 ? groups : undefined,
		clickTime: extra.clickTime,
		awc: extra.awc,
		clickRef: extra.clickRef,
		customerAcquisition: extra.customerAcquisition,
	});
}

export const createOrdersOperation: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['proofOfPurchase'], operation: ['createOrders'] } },
		properties,
	),

	async execute(items) {
		const endpoint = endpointPaths(
			(advertiserId, publisherId) => `/publishers/${publisherId}/advertiser/${advertiserId}/orders`,
		);
		return await createOrders(this, items, {
			api: 'proofOfPurchase',
			what: 'Proof of Purchase order',
			schema: proofOfPurchaseOrderSchema,
			plain: plainProofOfPurchaseOrder,
			path: (i) =>
				endpoint(readAccountId(this, 'advertiserId', i), readAccountId(this, 'publisherId', i)),
			fromFields: (i) => orderFromFields(this, i),
		});
	},
};

import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AWIN_DATETIME, dateWindows } from '../../../shared/dates';
import {
	accountFields,
	databaseRowsField,
	dateTimeRangeFields,
	requestOptionsCollection,
	returnAllFields,
	simplifyField,
} from '../../../shared/descriptions';
import { transactionRow } from '../../../shared/helpers/databaseRows';
import { runReads } from '../../../shared/helpers/reads';
import { fetchTransactionWindows, presentTransactions } from '../../../shared/helpers/transactions';
import {
	checkIdList,
	checkText,
	readAccount,
	readBoolean,
	readClientSettings,
	readCollection,
	readDateTimeRange,
	readLimit,
	readOption,
} from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import { AWIN_TIMEZONES, MAX_WINDOW_DAYS } from '../../../shared/limits';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	...accountFields(['advertiser', 'publisher']),
	...dateTimeRangeFields,
	{
		displayName: 'Date Type',
		name: 'dateType',
		type: 'options',
		displayOptions: { show: { accountType: ['advertiser'] } },
		options: [
			{ name: 'Amendment', value: 'amendment', description: 'When the transaction was amended' },
			{ name: 'Transaction', value: 'transaction', description: 'When the sale happened' },
			{
				name: 'Validation',
				value: 'validation',
				description: 'When the transaction was approved or declined',
			},
		],
		default: 'transaction',
		description: 'Which date of a transaction the range applies to',
	},
	{
		displayName: 'Date Type',
		name: 'dateType',
		type: 'options',
		displayOptions: { show: { accountType: ['publisher'] } },
		options: [
			{ name: 'Transaction', value: 'transaction', description: 'When the sale happened' },
			{
				name: 'Validation',
				value: 'validation',
				description: 'When the transaction was approved or declined',
			},
		],
		default: 'transaction',
		description: 'Which date of a transaction the range applies to',
	},
	...returnAllFields,
	simplifyField,
	databaseRowsField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Advertiser IDs',
				name: 'advertiserIds',
				type: 'string',
				displayOptions: { show: { '/accountType': ['publisher'] } },
				default: '',
				placeholder: 'e.g. 10001, 10002',
				description: 'Only transactions of these advertisers, separated by commas',
			},
			{
				displayName: 'Publisher IDs',
				name: 'publisherIds',
				type: 'string',
				displayOptions: { show: { '/accountType': ['advertiser'] } },
				default: '',
				placeholder: 'e.g. 20001, 20002',
				description: 'Only transactions of these publishers, separated by commas',
			},
			{
				displayName: 'Show Basket Products',
				name: 'showBasketProducts',
				type: 'boolean',
				default: false,
				description: 'Whether to include the products of each basket (basketProducts)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Approved', value: 'approved' },
					{ name: 'Declined', value: 'declined' },
					{ name: 'Deleted', value: 'deleted' },
					{ name: 'Pending', value: 'pending' },
				],
				default: 'pending',
				description: 'Only transactions with this commission status',
			},
		],
	},
	requestOptionsCollection,
];

const STATUSES = ['approved', 'declined', 'deleted', 'pending'];

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transaction'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));

		return await runReads(this, items, (itemIndex) => {
			const account = readAccount(this, itemIndex, ['advertiser', 'publisher']);
			const timezone = readOption(this, 'timezone', 'Timezone', AWIN_TIMEZONES, itemIndex, 'UTC');
			const dateTypes =
				account.side === 'advertiser'
					? ['transaction', 'validation', 'amendment']
					: ['transaction', 'validation'];
			const dateType = readOption(
				this,
				'dateType',
				'Date Type',
				dateTypes,
				itemIndex,
				'transaction',
			);
			const { start, end } = readDateTimeRange(this, itemIndex, timezone);
			const filters = readCollection(this, 'filters', 'Filters', itemIndex);
			const limit = readLimit(this, itemIndex);
			const simplify = readBoolean(this, 'simplify', 'Simplify', itemIndex);
			const databaseRows = readBoolean(this, 'databaseRows', 'Database Rows', itemIndex);

			const qs: IDataObject = { timezone, dateType };
			if (filters.status !== undefined && filters.status !== '') {
				qs.status = readOption(this, 'filters.status', 'Status', STATUSES, itemIndex);
			}
			// Awin names the filter after the other side, singular, and takes a comma list.
			const partner = account.side === 'advertiser' ? 'publisherId' : 'advertiserId';
			const partnerLabel = partner === 'publisherId' ? 'Publisher IDs' : 'Advertiser IDs';
			const partnerIds = checkIdList(
				this.getNode(),
				itemIndex,
				partnerLabel,
				filters[`${partner}s`],
			).join(',');
			if (partnerIds) qs[partner] = checkText(this.getNode(), itemIndex, partnerLabel, partnerIds);
			if (filters.showBasketProducts === true) qs.showBasketProducts = true;

			const path = `${account.path}/transactions/`;
			const windows = dateWindows(
				start,
				end,
				MAX_WINDOW_DAYS.transactions,
				timezone,
				AWIN_DATETIME,
			);
			return {
				key: JSON.stringify([path, qs, windows, limit]),
				fetch: async () =>
					await fetchTransactionWindows(client, path, qs, windows, limit, itemIndex),
				present: databaseRows
					? (rows) => rows.map((row) => transactionRow(row, timezone))
					: presentTransactions(simplify),
			};
		});
	},
};

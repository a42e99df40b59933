import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { runReads } from '../../../shared/helpers/reads';
import {
	checkText,
	readAccountId,
	readClientSettings,
	readCollection,
	readDay,
	readLimit,
	readOption,
	refuse,
	splitList,
} from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { fetchOffers } from './offers';

const properties: INodeProperties[] = [
	accountLocator('publisherId'),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
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
				default: '',
				placeholder: 'e.g. 1001, 1002',
				description: 'Only offers of these advertisers (comma-separated IDs)',
			},
			{
				displayName: 'Exclusive Only',
				name: 'exclusiveOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only offers exclusive to your publisher account',
			},
			{
				displayName: 'Membership',
				name: 'membership',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Joined', value: 'joined' },
					{ name: 'Not Joined', value: 'notJoined' },
				],
				default: 'all',
				description: 'Only offers of advertisers you have joined, or not joined',
			},
			{
				displayName: 'Region Codes',
				name: 'regionCodes',
				type: 'string',
				default: '',
				placeholder: 'e.g. GB, DE',
				description:
					'Only offers valid in one of these countries (comma-separated ISO 3166 two-letter codes)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active', description: 'Valid now' },
					{
						name: 'Expiring Soon',
						value: 'expiringSoon',
						description: 'Valid now, ending within 7 days',
					},
					{ name: 'Upcoming', value: 'upcoming', description: 'Starting in the future' },
				],
				default: 'active',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Promotion', value: 'promotion' },
					{ name: 'Voucher', value: 'voucher' },
				],
				default: 'all',
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only offers created or changed since this day',
			},
		],
	},
	requestOptionsCollection,
];

/** The item's filters in Awin's form; only the filters the user set are sent. */
function readFilters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const set = readCollection(ctx, 'filters', 'Filters', itemIndex);
	const node = ctx.getNode();
	const filters: IDataObject = {};
	const advertiserIds = splitList(set.advertiserIds);
	if (advertiserIds.length > 0) {
		const wrong = advertiserIds.filter((id) => !/^\d{1,20}$/.test(id));
		if (wrong.length > 0)
			throw refuse(
				node,
				itemIndex,
				'Advertiser IDs',
				wrong.join(', '),
				'must be Awin advertiser IDs (numbers)',
			);
		checkText(node, itemIndex, 'Advertiser IDs', advertiserIds.join(','));
		filters.advertiserIds = advertiserIds.map(Number);
	}
	if (set.exclusiveOnly !== undefined) filters.exclusiveOnly = set.exclusiveOnly === true;
	if (set.membership)
		filters.membership = readOption(
			ctx,
			'filters.membership',
			'Membership',
			['all', 'joined', 'notJoined'],
			itemIndex,
		);
	const regionCodes = splitList(set.regionCodes);
	if (regionCodes.length > 0) {
		const wrong = regionCodes.filter((code) => !/^[A-Za-z]{2}$/.test(code));
		if (wrong.length > 0)
			throw refuse(
				node,
				itemIndex,
				'Region Codes',
				wrong.join(', '),
				'must be two-letter country codes such as GB',
			);
		filters.regionCodes = checkText(node, itemIndex, 'Region Codes', regionCodes.join(','))
			.toUpperCase()
			.split(',');
	}
	if (set.status)
		filters.status = readOption(
			ctx,
			'filters.status',
			'Status',
			['active', 'expiringSoon', 'upcoming'],
			itemIndex,
		);
	if (set.type)
		filters.type = readOption(
			ctx,
			'filters.type',
			'Type',
			['all', 'promotion', 'voucher'],
			itemIndex,
		);
	// Awin takes a day (yyyy-MM-dd); n8n's date picker gives a date and time.
	if (set.updatedSince)
		filters.updatedSince = readDay(ctx, 'filters.updatedSince', 'Updated Since', itemIndex);
	return filters;
}

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['offer'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const publisherId = readAccountId(this, 'publisherId', itemIndex);
			const limit = readLimit(this, itemIndex);
			const filters = readFilters(this, itemIndex);
			return {
				key: JSON.stringify([publisherId, filters, limit ?? 'all']),
				fetch: async () => await fetchOffers(client, publisherId, filters, limit, itemIndex),
			};
		});
	},
};

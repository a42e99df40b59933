import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { MAX_WINDOW_DAYS } from '../../../shared/limits';
import { checkText } from '../../../shared/params';
import { accountFields, idList, readChoice, returnAllFields } from '../../../shared/reads';
import type { AwinOperation } from '../types';
import {
	campaignWindows,
	dateRangeFields,
	regionField,
	reportTimezoneField,
	runReport,
} from './reports';

const INTERVALS = ['day', 'month', 'year'];

const properties: INodeProperties[] = [
	...accountFields(['advertiser', 'publisher']),
	...dateRangeFields,
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		options: [
			{ name: 'Day', value: 'day' },
			{ name: 'Month', value: 'month' },
			{ name: 'Year', value: 'year' },
		],
		default: 'day',
		description: 'One row per campaign and partner for each day, month or year',
	},
	regionField({ accountType: ['publisher'] }),
	reportTimezoneField,
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { accountType: ['advertiser'] } },
		options: [
			{
				displayName: 'Campaign',
				name: 'campaign',
				type: 'string',
				default: '',
				description: 'Only this campaign',
			},
			{
				displayName: 'Include Numbers Without Campaign',
				name: 'includeNumbersWithoutCampaign',
				type: 'boolean',
				default: false,
				description: 'Whether to also count clicks and sales that carry no campaign value (Awin: "also show data without campaign ID?")',
			},
			{
				displayName: 'Publisher IDs',
				name: 'publisherIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 20001, 20002',
				description: 'Only these publishers, separated by commas',
			},
		],
	},
	requestOptionsCollection,
];

/**
 * Both sides: figures per campaign and partner per day, month or year. Awin answers at most 400
 * days per call, so longer ranges are split, never inside a month or year.
 */
export const getCampaignPerformance: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['report'], operation: ['getCampaignPerformance'] } },
		properties,
	),

	async execute(items) {
		return await runReport(this, items, {
			report: 'campaign',
			sides: ['advertiser', 'publisher'],
			query: (ctx, itemIndex, side) => {
				const qs: IDataObject = { interval: readChoice(ctx, 'interval', 'Interval', INTERVALS, itemIndex, 'day') };
				if (side !== 'advertiser') return qs;
				const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
				const publisherIds = idList(ctx, filters.publisherIds, 'Publisher IDs', itemIndex).join(',');
				if (publisherIds) qs.publisherIds = checkText(ctx.getNode(), itemIndex, 'Publisher IDs', publisherIds);
				const campaign = String(filters.campaign ?? '').trim();
				if (campaign) qs.campaign = checkText(ctx.getNode(), itemIndex, 'Campaign', campaign);
				if (filters.includeNumbersWithoutCampaign === true) qs.includeNumbersWithoutCampaign = true;
				return qs;
			},
			windows: (ctx, itemIndex, startDate, endDate) =>
				campaignWindows(
					startDate,
					endDate,
					readChoice(ctx, 'interval', 'Interval', INTERVALS, itemIndex, 'day'),
					MAX_WINDOW_DAYS.campaignReport,
				),
		});
	},
};

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { AccountSide } from '../../../shared/descriptions';
import {
	accountFields,
	requestOptionsCollection,
	returnAllFields,
} from '../../../shared/descriptions';
import {
	checkIdList,
	checkText,
	readBoolean,
	readCollection,
	readOption,
	refuse,
} from '../../../shared/params';
import { MAX_WINDOW_DAYS } from '../../../shared/limits';
import type { AwinOperation } from '../types';
import {
	campaignWindows,
	dateRangeFields,
	regionField,
	reportTimezoneField,
	runReport,
} from './reports';

const INTERVALS = ['day', 'month', 'year'];

/** The filters Awin's campaign page lists for each side: the other side's IDs, campaign, rows without campaign. */
function campaignFilters(side: AccountSide): INodeProperties {
	const partners = side === 'advertiser' ? 'Publisher' : 'Advertiser';
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { accountType: [side] } },
		options: [
			{
				displayName: 'Campaign',
				name: 'campaign',
				type: 'string',
				default: '',
				placeholder: 'e.g. spring',
				description:
					'Only campaigns whose name starts with this text (3 to 128 characters; Awin searches by prefix)',
			},
			{
				displayName: 'Include Numbers Without Campaign',
				name: 'includeNumbersWithoutCampaign',
				type: 'boolean',
				default: false,
				description:
					'Whether to also count clicks and sales that carry no campaign value (Awin: "also show data without campaign ID?")',
			},
			{
				displayName: `${partners} IDs`,
				name: side === 'advertiser' ? 'publisherIds' : 'advertiserIds',
				type: 'string',
				default: '',
				placeholder: side === 'advertiser' ? 'e.g. 20001, 20002' : 'e.g. 10001, 10002',
				description: `Only these ${partners.toLowerCase()}s, separated by commas`,
			},
		],
	};
}

/** Awin's figures of a campaign row: `totals.{measure}.{status}`. Quantity also counts clicks. */
const MEASURES: Record<string, string[]> = {
	commissionAmount: ['approved', 'bonus', 'declined', 'pending', 'total'],
	quantity: ['approved', 'bonus', 'click', 'declined', 'pending', 'total'],
	saleAmount: ['approved', 'bonus', 'declined', 'pending', 'total'],
};
const column = (measure: string, status: string) =>
	measure + status.charAt(0).toUpperCase() + status.slice(1);
/** Amounts come as text ("12.50"); a spreadsheet wants numbers. */
const numeric = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
		? Number(value)
		: (value ?? null);

/**
 * One campaign row with its totals as flat columns, e.g. totals.commissionAmount.approved as
 * commissionAmountApproved. Every row gets the same figure columns (null when Awin sent none);
 * figures Awin adds beyond MEASURES are flattened the same way, not dropped.
 */
function simplifyCampaignRow(row: IDataObject): IDataObject {
	const { totals, ...rest } = row;
	const flat: IDataObject = { ...rest };
	for (const [measure, statuses] of Object.entries(MEASURES)) {
		for (const status of statuses) flat[column(measure, status)] = null;
	}
	for (const [measure, figures] of Object.entries((totals ?? {}) as IDataObject)) {
		if (figures === null || typeof figures !== 'object') {
			flat[measure] = numeric(figures) as IDataObject[string];
			continue;
		}
		for (const [status, value] of Object.entries(figures as IDataObject)) {
			flat[column(measure, status)] = numeric(value) as IDataObject[string];
		}
	}
	return flat;
}

/** Awin: "The value needs to have at least 3 characters. Max number of characters is 128." */
function readCampaign(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string | undefined {
	const campaign = typeof value === 'string' ? value.trim() : '';
	if (!campaign) return undefined;
	if (campaign.length < 3 || campaign.length > 128) {
		const error = refuse(
			ctx.getNode(),
			itemIndex,
			'Campaign',
			campaign,
			"must have 3 to 128 characters (Awin's limits)",
		);
		error.description =
			'Awin searches campaigns by the start of their name. Nothing was sent to Awin.';
		throw error;
	}
	return campaign;
}

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
	regionField('campaign', { accountType: ['publisher'] }),
	reportTimezoneField,
	...returnAllFields,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description:
			"Whether to return flat columns for spreadsheets (commissionAmountApproved … saleAmountTotal, quantityClick; amounts as numbers) instead of Awin's nested totals",
	},
	campaignFilters('advertiser'),
	campaignFilters('publisher'),
	requestOptionsCollection,
];

/**
 * Both sides: figures per campaign and partner per day, month or year, as Awin nests them
 * (`totals.{commissionAmount,quantity,saleAmount}.{approved,...}`), or flat with Simplify. Awin
 * answers at most 400 days per call, so longer ranges are split, never inside a month or year.
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
				const qs: IDataObject = {
					interval: readOption(ctx, 'interval', 'Interval', INTERVALS, itemIndex, 'day'),
				};
				const filters = readCollection(ctx, 'filters', 'Filters', itemIndex);
				const [partners, label] =
					side === 'advertiser'
						? ['publisherIds', 'Publisher IDs']
						: ['advertiserIds', 'Advertiser IDs'];
				const ids = checkIdList(ctx.getNode(), itemIndex, label, filters[partners]);
				if (ids.length > 0)
					qs[partners] = checkText(ctx.getNode(), itemIndex, label, ids.join(','));
				const campaign = readCampaign(ctx, filters.campaign, itemIndex);
				if (campaign) qs.campaign = campaign;
				if (filters.includeNumbersWithoutCampaign === true) qs.includeNumbersWithoutCampaign = true;
				return qs;
			},
			present: (ctx, itemIndex) =>
				readBoolean(ctx, 'simplify', 'Simplify', itemIndex)
					? (rows) => rows.map(simplifyCampaignRow)
					: undefined,
			windows: (ctx, itemIndex, startDate, endDate) =>
				campaignWindows(
					startDate,
					endDate,
					readOption(ctx, 'interval', 'Interval', INTERVALS, itemIndex, 'day'),
					MAX_WINDOW_DAYS.campaignReport,
				),
		});
	},
};

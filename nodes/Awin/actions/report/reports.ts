import { DateTime } from 'luxon';
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import type { DateWindow } from '../../../shared/dates';
import { AWIN_DATE, dateWindows } from '../../../shared/dates';
import type { AccountSide } from '../../../shared/descriptions';
import { startEndDateFields, timezoneOptions } from '../../../shared/descriptions';
import { STATS_FIELDS, statsRow } from '../../../shared/helpers/databaseRows';
import { rowsOf, runReads } from '../../../shared/helpers/reads';
import {
	readAccount,
	readBoolean,
	readClientSettings,
	readDateRange,
	readLimit,
	readOption,
	readText,
	refuse,
} from '../../../shared/params';
import { createAwinClient, listOrObjectWithList } from '../../../shared/transport';
import { AWIN_CAMPAIGN_REGIONS, AWIN_REGIONS, AWIN_REPORT_TIMEZONES } from '../../../shared/limits';

/** The last path segment of each report: /{side}s/{id}/reports/{report}. */
export type ReportName = 'publisher' | 'advertiser' | 'creative' | 'campaign';

/**
 * How each report takes `region`, per account side: 'required' (Awin's page marks it Required),
 * 'optional' (an optional filter) or 'none' (Awin's page lists no region: never sent, even if an
 * older workflow saved one). See docs/awin-api.md for the quotes.
 */
const REGION: Record<ReportName, Partial<Record<AccountSide, 'required' | 'optional' | 'none'>>> = {
	publisher: { advertiser: 'optional' },
	advertiser: { publisher: 'required' },
	creative: { advertiser: 'required', publisher: 'required' },
	// developer.awin.com get-campaign-data-for-advertiser-report lists campaign, endDate,
	// includeNumbersWithoutCampaign, interval, publisherIds, startDate, timezone: no region.
	campaign: { advertiser: 'none', publisher: 'required' },
};

/** The region codes each report's page lists: the campaign report knows more. */
const REGION_CODES: Record<ReportName, readonly string[]> = {
	publisher: AWIN_REGIONS,
	advertiser: AWIN_REGIONS,
	creative: AWIN_REGIONS,
	campaign: AWIN_CAMPAIGN_REGIONS,
};

const optionsOf = (codes: readonly string[]) => codes.map((code) => ({ name: code, value: code }));

export const dateRangeFields: INodeProperties[] = startEndDateFields(
	'First day of the report (only the date counts), e.g. {{ $today.minus({ days: 1 }) }} for yesterday',
	'Last day of the report, included (only the date counts)',
);

export const reportTimezoneField: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'options',
	options: timezoneOptions(AWIN_REPORT_TIMEZONES),
	default: 'UTC',
	description: 'Timezone in which Awin counts the days of the report',
};

/** The required Region field of `report`; `show` narrows it, e.g. to one account side. */
export function regionField(report: ReportName, show?: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: optionsOf(REGION_CODES[report]),
		default: 'GB',
		required: true,
		...(show ? { displayOptions: { show } } : {}),
		description: 'Awin region (programme country) of the report; Awin requires it for this report',
	};
}

/** Region as an optional filter of `report`, for the filters collection. */
export function regionFilter(report: ReportName): INodeProperties {
	return {
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: optionsOf(REGION_CODES[report]),
		default: 'GB',
		description: 'Only this Awin region (programme country)',
	};
}

export const reportDateTypeField: INodeProperties = {
	displayName: 'Date Type',
	name: 'dateType',
	type: 'options',
	options: [
		{
			name: 'Transaction',
			value: 'transaction',
			description: 'Count sales on the day they happened',
		},
		{
			name: 'Validation',
			value: 'validation',
			description: 'Count sales on the day they were approved or declined',
		},
	],
	default: 'transaction',
	description: 'Which date of a transaction decides the day it is counted on',
};

/** Region codes are two capital letters; Awin itself says which ones it knows. */
function readRegion(
	ctx: IExecuteFunctions,
	report: ReportName,
	name: string,
	itemIndex: number,
	required: boolean,
): string | undefined {
	const withRegions = (error: NodeOperationError) => {
		error.description = `Awin's regions: ${REGION_CODES[report].join(', ')}. Nothing was sent to Awin.`;
		return error;
	};
	let region: string;
	try {
		region = readText(ctx, name, 'Region', itemIndex, {
			upperCase: true,
			pattern: /^[A-Z]{2}$/,
			allowed: 'must be a two-letter Awin region code',
		});
	} catch (error) {
		throw withRegions(error as NodeOperationError);
	}
	if (region) return region;
	if (!required) return undefined;
	throw withRegions(
		refuse(ctx.getNode(), itemIndex, 'Region', region, 'is required for this report'),
	);
}

export interface ReportSpec {
	report: ReportName;
	sides: AccountSide[];
	/** The report's own query parameters (dateType, interval, filters). */
	query?(ctx: IExecuteFunctions, itemIndex: number, side: AccountSide): IDataObject;
	/** Splits the range into calls; default: one call. */
	windows?(
		ctx: IExecuteFunctions,
		itemIndex: number,
		startDate: string,
		endDate: string,
	): DateWindow[];
	/** With Database Rows on: one call per day, each row mapped to this table's columns with its day. */
	databaseTable?: keyof typeof STATS_FIELDS;
	/** Shapes this item's rows after fetching (e.g. Simplify); items sharing a fetch each get their own. */
	present?(
		ctx: IExecuteFunctions,
		itemIndex: number,
	): ((rows: IDataObject[]) => IDataObject[]) | undefined;
}

/**
 * Runs one report per item: GET /{side}s/{id}/reports/{report} with dates (yyyy-MM-dd), timezone,
 * region where required, once per window. One output item per row.
 */
export async function runReport(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: ReportSpec,
): Promise<INodeExecutionData[]> {
	const client = await createAwinClient(ctx, 'bearer', readClientSettings(ctx));
	return await runReads(ctx, items, (itemIndex) => {
		const account = readAccount(ctx, itemIndex, spec.sides);
		const { startDate, endDate } = readDateRange(ctx, itemIndex);
		const timezone = readOption(
			ctx,
			'timezone',
			'Timezone',
			AWIN_REPORT_TIMEZONES,
			itemIndex,
			'UTC',
		);
		const accepts = REGION[spec.report][account.side] ?? 'none';
		const required = accepts === 'required';
		const region =
			accepts === 'none'
				? undefined
				: readRegion(ctx, spec.report, required ? 'region' : 'filters.region', itemIndex, required);
		const qs: IDataObject = {
			timezone,
			...(region ? { region } : {}),
			...(spec.query?.(ctx, itemIndex, account.side) ?? {}),
		};
		const databaseTable =
			spec.databaseTable && readBoolean(ctx, 'databaseRows', 'Database Rows', itemIndex)
				? spec.databaseTable
				: undefined;
		const windows = databaseTable
			? dateWindows(
					DateTime.fromISO(startDate, { zone: 'UTC' }),
					DateTime.fromISO(endDate, { zone: 'UTC' }),
					1,
					'UTC',
					AWIN_DATE,
				)
			: (spec.windows?.(ctx, itemIndex, startDate, endDate) ?? [
					{ start: startDate, end: endDate },
				]);
		const limit = readLimit(ctx, itemIndex);
		const path = `${account.path}/reports/${spec.report}`;

		return {
			key: JSON.stringify([path, qs, windows, limit, databaseTable]),
			present: spec.present?.(ctx, itemIndex),
			fetch: async () => {
				const rows: IDataObject[] = [];
				for (const window of windows) {
					const { body } = await client.request({
						method: 'GET',
						path,
						qs: { startDate: window.start, endDate: window.end, ...qs },
						idempotent: true,
						expect: listOrObjectWithList('result'),
						context: `window ${window.start} to ${window.end}`,
						itemIndex,
					});
					const answered = rowsOf(body);
					rows.push(
						...(databaseTable
							? answered.map((row) => statsRow(databaseTable, row, window.start))
							: answered),
					);
					if (limit !== undefined && rows.length >= limit) break;
				}
				return limit === undefined ? rows : rows.slice(0, limit);
			},
		};
	});
}

/**
 * Windows for the campaign report (at most `maxDays` days each) that never cut a period of the
 * interval in two: by day, plain windows of `maxDays`; by month, 12 calendar months per call; by
 * year, one calendar year per call. So no month or year comes back as two partial rows.
 */
export function campaignWindows(
	startDate: string,
	endDate: string,
	interval: string,
	maxDays: number,
): DateWindow[] {
	const start = DateTime.fromISO(startDate, { zone: 'UTC' });
	const end = DateTime.fromISO(endDate, { zone: 'UTC' });
	if (interval === 'day') return dateWindows(start, end, maxDays, 'UTC', AWIN_DATE);
	const step = interval === 'month' ? { months: 12 } : { years: 1 };
	const unit = interval === 'month' ? 'month' : 'year';
	const windows: DateWindow[] = [];
	let from = start;
	while (from <= end) {
		const periodEnd = from.startOf(unit).plus(step).minus({ days: 1 });
		const to = periodEnd < end ? periodEnd : end;
		windows.push({ start: from.toFormat(AWIN_DATE), end: to.toFormat(AWIN_DATE) });
		from = to.plus({ days: 1 });
	}
	return windows;
}

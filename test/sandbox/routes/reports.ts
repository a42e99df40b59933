/**
 * Aggregated reports, computed from the same generated transactions as ./transactions.ts so that
 * figures agree between endpoints. Dates are yyyy-MM-dd, both ends inclusive. `region` is required
 * where Awin requires it, from the list each report's page gives (limits.ts, shared with the node).
 * The campaign report takes at most 400 days and answers `{ result: [...] }`, its figures nested as
 * `totals.{commissionAmount,quantity,saleAmount}.{approved,bonus,declined,pending,total}` (quantity
 * also `click`), amounts as text: the shape public connectors record from Awin (docs/awin-api.md).
 */
import { DateTime } from 'luxon';

import {
	AWIN_CAMPAIGN_REGIONS,
	AWIN_REGIONS,
	AWIN_REPORT_TIMEZONES,
	MAX_WINDOW_DAYS,
} from '../../../nodes/shared/limits.ts';

import type { AwinSandbox, RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import type { RawTransaction } from './transactions.ts';
import {
	accountOf,
	ADVERTISER_INFO,
	bad,
	changesIn,
	partnerFilter,
	partnersOf,
	PUBLISHER_NAMES,
	transactionsBetween,
} from './transactions.ts';

const DATE = 'yyyy-MM-dd';

const REPORT_TIMEZONES: readonly string[] = AWIN_REPORT_TIMEZONES;

type Side = 'advertiser' | 'publisher';

interface Query {
	accountId: number;
	from: number;
	to: number;
	timezone: string;
	region?: string;
	dateType: 'transaction' | 'validation';
	/** The sandbox, so reports count the transactions a test changed (sandboxTransactions). */
	sandbox: AwinSandbox;
}

/** Checks what every report checks; the answer is an error response or the parsed query. */
function readQuery(
	request: SandboxRequest,
	side: Side,
	needs: { region: boolean; timezone: boolean; maxDays?: number; regions?: readonly string[] },
	sandbox: AwinSandbox,
): Query | SandboxResponse {
	const accountId = accountOf(request, side);
	if (typeof accountId !== 'number') return accountId;
	const q = request.query;
	for (const name of ['startDate', 'endDate']) {
		if (!q[name]) return bad('missing.parameter', `Required parameter '${name}' is missing`);
		if (!/^\d{4}-\d{2}-\d{2}$/.test(q[name]) || !DateTime.fromFormat(q[name], DATE).isValid) {
			return bad('invalid.parameter', `Invalid ${name} '${q[name]}', expected yyyy-MM-dd`);
		}
	}
	if (q.endDate < q.startDate)
		return bad('invalid.date.range', 'endDate must not be before startDate');
	const days =
		DateTime.fromFormat(q.endDate, DATE).diff(DateTime.fromFormat(q.startDate, DATE)).as('days') +
		1;
	if (needs.maxDays && days > needs.maxDays) {
		return bad(
			'invalid.date.range',
			`The date range must not exceed ${needs.maxDays} days, got ${days}`,
		);
	}
	if (needs.timezone && !q.timezone)
		return bad('missing.parameter', "Required parameter 'timezone' is missing");
	const timezone = q.timezone ?? 'UTC';
	if (!REPORT_TIMEZONES.includes(timezone))
		return bad('invalid.parameter', `Unknown timezone '${timezone}'`);
	if (needs.region && !q.region)
		return bad('missing.parameter', "Required parameter 'region' is missing");
	if (q.region !== undefined && !(needs.regions ?? AWIN_REGIONS).includes(q.region))
		return bad('invalid.parameter', `Unknown region '${q.region}'`);
	const dateType = (q.dateType ?? 'transaction') as Query['dateType'];
	if (!['transaction', 'validation'].includes(dateType))
		return bad('invalid.parameter', `Unknown dateType '${q.dateType}'`);
	return {
		accountId,
		timezone,
		region: q.region,
		dateType,
		sandbox,
		from: DateTime.fromFormat(q.startDate, DATE, { zone: timezone }).startOf('day').toMillis(),
		to: DateTime.fromFormat(q.endDate, DATE, { zone: timezone })
			.endOf('day')
			.startOf('second')
			.toMillis(),
	};
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Awin's counters for a group of transactions. */
function figures(list: RawTransaction[]): Record<string, number> {
	const sum = (status: string | null) => {
		const chosen = list.filter((t) =>
			status ? t.status === status : t.status !== 'declined' && t.status !== 'deleted',
		);
		return {
			no: chosen.length,
			value: round2(chosen.reduce((s, t) => s + t.sale, 0)),
			comm: round2(chosen.reduce((s, t) => s + t.commission, 0)),
		};
	};
	const pending = sum('pending');
	const confirmed = sum('approved');
	const declined = sum('declined');
	const total = sum(null);
	return {
		impressions: list.length * 240,
		clicks: list.length * 12,
		pendingNo: pending.no,
		pendingValue: pending.value,
		pendingComm: pending.comm,
		confirmedNo: confirmed.no,
		confirmedValue: confirmed.value,
		confirmedComm: confirmed.comm,
		bonusNo: 0,
		bonusValue: 0,
		bonusComm: 0,
		totalNo: total.no,
		totalValue: total.value,
		totalComm: total.comm,
		declinedNo: declined.no,
		declinedValue: declined.value,
		declinedComm: declined.comm,
	};
}

function transactionsFor(side: Side, query: Query): RawTransaction[] {
	return transactionsBetween(
		side,
		query.accountId,
		query.from,
		query.to,
		query.dateType,
		changesIn(query.sandbox),
	).filter((t) => !query.region || ADVERTISER_INFO[t.advertiserId].region === query.region);
}

/** The row's identity columns for a pair of advertiser and publisher. */
function pairColumns(advertiserId: number, publisherId: number): Record<string, unknown> {
	const info = ADVERTISER_INFO[advertiserId];
	return {
		advertiserId,
		advertiserName: info.name,
		publisherId,
		publisherName: PUBLISHER_NAMES[publisherId],
		region: info.region,
		currency: info.currency,
	};
}

/** One row per partner with a relationship (Awin lists partners without activity too). */
function partnerRows(side: Side, query: Query): Array<Record<string, unknown>> {
	const list = transactionsFor(side, query);
	return partnersOf(side, query.accountId)
		.map((partner) => {
			const [advertiserId, publisherId] =
				side === 'advertiser' ? [query.accountId, partner] : [partner, query.accountId];
			return { advertiserId, publisherId };
		})
		.filter(
			({ advertiserId }) => !query.region || ADVERTISER_INFO[advertiserId].region === query.region,
		)
		.map(({ advertiserId, publisherId }) => ({
			...pairColumns(advertiserId, publisherId),
			...figures(
				list.filter((t) => t.advertiserId === advertiserId && t.publisherId === publisherId),
			),
			tags: [],
		}));
}

const CREATIVES = [
	{ offset: 1, name: 'Homepage banner', tagName: 'banner' },
	{ offset: 2, name: 'Text link', tagName: 'text' },
	{ offset: 3, name: 'Product feed', tagName: 'feed' },
];

function creativeRows(side: Side, query: Query): Array<Record<string, unknown>> {
	const list = transactionsFor(side, query);
	const rows: Array<Record<string, unknown>> = [];
	const pairs = new Set(list.map((t) => `${t.advertiserId}:${t.publisherId}`));
	for (const pair of [...pairs].sort()) {
		const [advertiserId, publisherId] = pair.split(':').map(Number);
		CREATIVES.forEach((creative, index) => {
			const own = list.filter(
				(t) =>
					t.advertiserId === advertiserId && t.publisherId === publisherId && t.id % 3 === index,
			);
			rows.push({
				...pairColumns(advertiserId, publisherId),
				creativeId: advertiserId * 10 + creative.offset,
				creativeName: creative.name,
				tagName: creative.tagName,
				...figures(own),
			});
		});
	}
	return rows;
}

/** Awin's campaign figures: `{ commissionAmount, quantity, saleAmount }` by status, amounts as text. */
function campaignTotals(list: RawTransaction[]) {
	const f = figures(list);
	const money = (n: number) => n.toFixed(2);
	const byStatus = (no: string, value: (status: string) => number | string) => ({
		approved: value(`confirmed${no}`),
		bonus: value(`bonus${no}`),
		declined: value(`declined${no}`),
		pending: value(`pending${no}`),
		total: value(`total${no}`),
	});
	return {
		commissionAmount: byStatus('Comm', (k) => money(f[k])),
		quantity: { ...byStatus('No', (k) => f[k]), click: f.clicks },
		saleAmount: byStatus('Value', (k) => money(f[k])),
	};
}

function campaignRows(
	side: Side,
	query: Query,
	interval: string,
	partners?: number[],
	campaign?: string,
) {
	const format = interval === 'day' ? DATE : interval === 'month' ? 'yyyy-MM' : 'yyyy';
	const list = transactionsFor(side, query).filter(
		(t) => !partners || partners.includes(side === 'advertiser' ? t.publisherId : t.advertiserId),
	);
	const campaignOf = (t: RawTransaction) => (t.publisherId === 30001 ? 'Spring Sale' : 'Always on');
	const groups = new Map<string, RawTransaction[]>();
	for (const t of list) {
		// Awin: "Returns a result based on a prefix search."
		if (campaign && !campaignOf(t).startsWith(campaign)) continue;
		const date = DateTime.fromMillis(t.transactionTime, { zone: query.timezone }).toFormat(format);
		const key = `${date}|${t.advertiserId}|${t.publisherId}|${campaignOf(t)}`;
		groups.set(key, [...(groups.get(key) ?? []), t]);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([key, own]) => {
			const [date, advertiserId, publisherId, name] = key.split('|');
			// The partner of the row: publishers for an advertiser, advertisers for a publisher; ids as text.
			const partner =
				side === 'advertiser'
					? { publisherId, publisherName: PUBLISHER_NAMES[Number(publisherId)] }
					: { advertiserId, advertiserName: ADVERTISER_INFO[Number(advertiserId)].name };
			return { date, ...partner, campaign: name, totals: campaignTotals(own) };
		});
}

function rowsOr(query: Query | SandboxResponse, rows: (q: Query) => unknown): SandboxResponse {
	if (!('accountId' in query)) return query;
	return { status: 200, body: rows(query) };
}

function campaign(side: Side, sandbox: AwinSandbox) {
	return (request: SandboxRequest): SandboxResponse => {
		const needs = {
			region: side === 'publisher',
			timezone: false,
			maxDays: MAX_WINDOW_DAYS.campaignReport,
			regions: AWIN_CAMPAIGN_REGIONS,
		};
		const query = readQuery(request, side, needs, sandbox);
		if (!('accountId' in query)) return query;
		const interval = request.query.interval ?? 'day';
		if (!['day', 'month', 'year'].includes(interval))
			return bad('invalid.parameter', `Unknown interval '${interval}'`);
		const filterName = side === 'advertiser' ? 'publisherIds' : 'advertiserIds';
		const partners = partnerFilter(request.query[filterName], filterName, side, query.accountId);
		if (partners !== undefined && !Array.isArray(partners)) return partners;
		return {
			status: 200,
			body: { result: campaignRows(side, query, interval, partners, request.query.campaign) },
		};
	};
}

export const reportRoutes: RouteFactory = (sandbox) => [
	{
		method: 'GET',
		path: '/advertisers/:accountId/reports/publisher',
		auth: 'bearer',
		quota: 'bearer',
		handle: (request) =>
			rowsOr(readQuery(request, 'advertiser', { region: false, timezone: false }, sandbox), (q) =>
				partnerRows('advertiser', q),
			),
	},
	{
		method: 'GET',
		path: '/publishers/:accountId/reports/advertiser',
		auth: 'bearer',
		quota: 'bearer',
		handle: (request) =>
			rowsOr(readQuery(request, 'publisher', { region: true, timezone: false }, sandbox), (q) =>
				partnerRows('publisher', q),
			),
	},
	{
		method: 'GET',
		path: '/advertisers/:accountId/reports/creative',
		auth: 'bearer',
		quota: 'bearer',
		handle: (request) =>
			rowsOr(readQuery(request, 'advertiser', { region: true, timezone: true }, sandbox), (q) =>
				creativeRows('advertiser', q),
			),
	},
	{
		method: 'GET',
		path: '/publishers/:accountId/reports/creative',
		auth: 'bearer',
		quota: 'bearer',
		handle: (request) =>
			rowsOr(readQuery(request, 'publisher', { region: true, timezone: true }, sandbox), (q) =>
				creativeRows('publisher', q),
			),
	},
	{
		method: 'GET',
		path: '/advertisers/:accountId/reports/campaign',
		auth: 'bearer',
		quota: 'bearer',
		handle: campaign('advertiser', sandbox),
	},
	{
		method: 'GET',
		path: '/publishers/:accountId/reports/campaign',
		auth: 'bearer',
		quota: 'bearer',
		handle: campaign('publisher', sandbox),
	},
];

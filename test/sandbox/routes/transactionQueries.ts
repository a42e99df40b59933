/**
 * Publisher transaction queries: GET /publisher/:accountId/transactionqueries (singular
 * "publisher"), as Awin's page lists it: startDate, endDate (yyyy-MM-ddTHH:mm:ss, at most 31 days
 * apart), timezone (mandatory), dateType (transactionDate | enquiryDate | validationDate),
 * statuses, advertiser ids, clickRefs, pageNumber (from 1) and pageSize (1 to 500, default 100).
 *
 * Awin's pages read for this work show no answer body: the sandbox answers a bare JSON list of
 * queries, as Awin's other list reads do; the fields of a query are the sandbox's own (see
 * docs/awin-api.md). Data is generated and deterministic: publisher 20001 raised
 * QUERIES_PER_DAY queries on every UTC day, alternately to advertisers 10001 and 10002.
 */
import { DateTime } from 'luxon';

import {
	MAX_PER_CALL,
	MAX_WINDOW_DAYS,
	TRANSACTION_QUERIES,
} from '../../../nodes/shared/limits.ts';
import type { RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import { accountOf, bad, dateRangeProblem, partnerFilter, TIMEZONES } from './transactions.ts';

export const QUERIES_PER_DAY = 24;
const DATETIME = "yyyy-MM-dd'T'HH:mm:ss";
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const EPOCH = Date.UTC(2015, 0, 1);
const STATUSES = TRANSACTION_QUERIES.statuses;
const TYPES = ['untracked', 'incorrect', 'declined'];
const ADVERTISERS = [10001, 10002];

interface RawQuery {
	id: number;
	advertiserId: number;
	status: (typeof STATUSES)[number];
	transactionDate: number;
	enquiryDate: number;
	validationDate: number | null;
	n: number;
}

/** The queries of one UTC day: one an hour, the transaction on the hour, raised 3 days later. */
function queriesOfDay(day: number): RawQuery[] {
	return Array.from({ length: QUERIES_PER_DAY }, (_, n) => {
		const transactionDate = EPOCH + day * DAY_MS + n * HOUR_MS;
		const status = STATUSES[(day + n) % STATUSES.length];
		return {
			id: 500_000_000 + day * QUERIES_PER_DAY + n,
			advertiserId: ADVERTISERS[n % ADVERTISERS.length],
			status,
			transactionDate,
			enquiryDate: transactionDate + 3 * DAY_MS,
			validationDate: status === 'pending' ? null : transactionDate + 10 * DAY_MS,
			n,
		};
	});
}

const DATE_OFFSET_DAYS: Record<string, number> = {
	transactionDate: 0,
	enquiryDate: 3,
	validationDate: 10,
};

function dateOf(q: RawQuery, dateType: string): number | null {
	return dateType === 'enquiryDate'
		? q.enquiryDate
		: dateType === 'validationDate'
			? q.validationDate
			: q.transactionDate;
}

const show = (ms: number | null, timezone: string) =>
	ms === null ? null : DateTime.fromMillis(ms, { zone: timezone }).toFormat(DATETIME);

function view(q: RawQuery, publisherId: number, timezone: string): Record<string, unknown> {
	return {
		id: q.id,
		publisherId,
		advertiserId: q.advertiserId,
		type: TYPES[q.n % TYPES.length],
		status: q.status,
		transactionDate: show(q.transactionDate, timezone),
		enquiryDate: show(q.enquiryDate, timezone),
		validationDate: show(q.validationDate, timezone),
		clickRef: `cr-${q.id % 100}`,
		orderRef: `Q-${q.id}`,
		saleAmount: { amount: 40 + (q.n % 5) * 10, currency: q.advertiserId === 10001 ? 'GBP' : 'EUR' },
	};
}

function handle(request: SandboxRequest): SandboxResponse {
	const publisherId = accountOf(request, 'publisher');
	if (typeof publisherId !== 'number') return publisherId;
	const q = request.query;
	if (!q.timezone) return bad('missing.parameter', "Required parameter 'timezone' is missing");
	if (!TIMEZONES.includes(q.timezone))
		return bad('invalid.parameter', `Unknown timezone '${q.timezone}'`);
	const rangeProblem = dateRangeProblem(q, MAX_WINDOW_DAYS.transactionQueries);
	if (rangeProblem) return rangeProblem;
	const dateType = q.dateType ?? 'transactionDate';
	if (!(TRANSACTION_QUERIES.dateTypes as readonly string[]).includes(dateType))
		return bad('invalid.parameter', `Unknown dateType '${dateType}'`);
	const statuses = q.statuses === undefined ? undefined : q.statuses.split(',');
	const unknown = statuses?.find((s) => !(STATUSES as readonly string[]).includes(s));
	if (unknown !== undefined) return bad('invalid.parameter', `Unknown status '${unknown}'`);
	const advertisers = partnerFilter(
		q[TRANSACTION_QUERIES.advertiserParameter],
		TRANSACTION_QUERIES.advertiserParameter,
		'publisher',
		publisherId,
	);
	if (advertisers !== undefined && !Array.isArray(advertisers)) return advertisers;
	const clickRefs = q.clickRefs === undefined ? undefined : q.clickRefs.split(',');
	const pageNumber = Number(q.pageNumber ?? 1);
	const pageSize = Number(q.pageSize ?? 100);
	if (!Number.isInteger(pageNumber) || pageNumber < 1)
		return bad('invalid.parameter', `Invalid pageNumber '${q.pageNumber}'`);
	if (
		!Number.isInteger(pageSize) ||
		pageSize < 1 ||
		pageSize > MAX_PER_CALL.transactionQueriesPerPage
	) {
		return bad(
			'invalid.parameter',
			`pageSize must be between 1 and ${MAX_PER_CALL.transactionQueriesPerPage}, got '${q.pageSize}'`,
		);
	}

	// Only publisher 20001 raised queries; the others have none.
	const from = DateTime.fromFormat(q.startDate, DATETIME, { zone: q.timezone }).toMillis();
	const to = DateTime.fromFormat(q.endDate, DATETIME, { zone: q.timezone }).toMillis();
	const rows: RawQuery[] = [];
	if (publisherId === 20001) {
		const shift = DATE_OFFSET_DAYS[dateType] * DAY_MS;
		const firstDay = Math.max(0, Math.floor((from - shift - EPOCH) / DAY_MS) - 1);
		const lastDay = Math.floor((to - shift - EPOCH) / DAY_MS) + 1;
		for (let day = firstDay; day <= lastDay; day++) {
			for (const query of queriesOfDay(day)) {
				const at = dateOf(query, dateType);
				if (at === null || at < from || at > to) continue;
				if (statuses && !statuses.includes(query.status)) continue;
				if (advertisers && !advertisers.includes(query.advertiserId)) continue;
				if (clickRefs && !clickRefs.includes(`cr-${query.id % 100}`)) continue;
				rows.push(query);
			}
		}
	}
	const page = rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
	return { status: 200, body: page.map((query) => view(query, publisherId, q.timezone)) };
}

export const transactionQueryRoutes: RouteFactory = () => [
	{
		method: 'GET',
		path: '/publisher/:accountId/transactionqueries',
		auth: 'bearer',
		quota: 'bearer',
		handle,
	},
];

/**
 * Public API (v1) publisher transaction queries: GET /public/v1/publishers/:publisherId/transaction-queries
 * with exactly one complete range (transactionDate, enquiryDate or validationDate, each as Gte and
 * Lt) of at most 31 days, newest first, cursor pages (pageToken / nextPageToken, omitted on the
 * last page). The rows' fields, the `{ data: [...] }` envelope and the page size are the sandbox's
 * own: the copy of Awin's page read stops before those schemas. Publisher 20001 raised one query
 * a day, dated at noon UTC.
 */
import type { RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import { problem, PUBLIC_PREFIX, publicHandler } from './publicApi.ts';

const DAY_MS = 86_400_000;
const PAGE_SIZE = 10;
const FIELDS = ['transactionDate', 'enquiryDate', 'validationDate'];

function queryOf(day: number): Record<string, unknown> {
	const transactionDate = day * DAY_MS + DAY_MS / 2;
	return {
		id: 700_000 + day,
		advertiserId: day % 2 === 0 ? 10001 : 10002,
		status: ['pending', 'approved', 'declined'][day % 3],
		transactionDate: new Date(transactionDate).toISOString(),
		enquiryDate: new Date(transactionDate + 3 * DAY_MS).toISOString(),
		validationDate: new Date(transactionDate + 10 * DAY_MS).toISOString(),
	};
}

function list(request: SandboxRequest): SandboxResponse {
	if (request.params.publisherId !== '20001')
		return problem(
			403,
			'FORBIDDEN',
			`The caller has no Viewer role on publisher account ${request.params.publisherId}`,
		);
	const given = FIELDS.filter(
		(f) => request.query[`${f}Gte`] !== undefined || request.query[`${f}Lt`] !== undefined,
	);
	if (given.length !== 1)
		return problem(400, 'BAD_REQUEST', 'Exactly one complete date range is required');
	const field = given[0];
	const from = Date.parse(request.query[`${field}Gte`] ?? '');
	const before = Date.parse(request.query[`${field}Lt`] ?? '');
	if (Number.isNaN(from) || Number.isNaN(before))
		return problem(400, 'BAD_REQUEST', `${field}Gte and ${field}Lt must both be date-times`);
	if (before <= from || before - from > 31 * DAY_MS)
		return problem(400, 'BAD_REQUEST', 'The date range must be at most 31 days');
	const rows: Array<Record<string, unknown>> = [];
	for (let day = Math.floor(before / DAY_MS) + 1; day >= Math.floor(from / DAY_MS) - 11; day--) {
		const q = queryOf(day);
		const at = Date.parse(q[field] as string);
		if (at >= from && at < before && day >= 0) rows.push(q);
	}
	const token = request.query.pageToken;
	let start = 0;
	if (token !== undefined) {
		start = /^p(\d+)$/.test(token) ? Number(token.slice(1)) : -1;
		if (start < 0 || start > rows.length)
			return problem(400, 'BAD_REQUEST', 'The pageToken cannot be decoded');
	}
	const next = start + PAGE_SIZE;
	return {
		status: 200,
		body: {
			data: rows.slice(start, next),
			...(next < rows.length ? { nextPageToken: `p${next}` } : {}),
		},
	};
}

export const transactionQueryV1Routes: RouteFactory = (sandbox) => [
	{
		method: 'GET',
		path: `${PUBLIC_PREFIX}/publishers/:publisherId/transaction-queries`,
		auth: 'bearer',
		quota: 'bearer',
		handle: publicHandler(sandbox, list),
	},
];

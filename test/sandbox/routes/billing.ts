/**
 * Public API (v1) billing of an advertiser: billing documents (limit 1 to 100, default 25; offset
 * to 10000; documentType), the prepayments account and its link status changes (status,
 * statusChangedAtGte, statusChangedAtLt), with the roles and 404 Awin's pages name. The rows'
 * fields, the `{ data: [...] }` envelope and the link history's paging (limit and offset) are the
 * sandbox's own: the copies read stop before those schemas.
 */
import type { RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import { problem, PUBLIC_PREFIX, publicHandler } from './publicApi.ts';

const TYPES = [
	'INVOICE',
	'CREDIT_NOTE',
	'PREPAYMENT_REFUND',
	'PREPAYMENT_REQUEST',
	'PREPAYMENT_INVOICE',
];

/** Advertiser 10001 has this many documents, one a day back from 2026-11-30, types in turn. */
export const BILLING_DOCUMENTS = 230;

const documents = Array.from({ length: BILLING_DOCUMENTS }, (_, n) => ({
	documentNumber: `INV-${100_000 + BILLING_DOCUMENTS - n}`,
	documentType: TYPES[n % TYPES.length],
	documentDate: new Date(Date.UTC(2026, 10, 30) - n * 86_400_000).toISOString().slice(0, 10),
	amount: { amount: 100 + n, currency: 'GBP' },
}));

export const LINK_CHANGES = [
	{
		status: 'OFFLINE',
		statusChangedAt: '2026-11-20T10:00:00Z',
		availableBalance: { amount: 0, currency: 'GBP' },
	},
	{
		status: 'ONLINE',
		statusChangedAt: '2026-10-05T08:30:00Z',
		availableBalance: { amount: 5000, currency: 'GBP' },
	},
	{
		status: 'OFFLINE',
		statusChangedAt: '2026-09-30T23:00:00Z',
		availableBalance: { amount: 0, currency: 'GBP' },
	},
];

function paging(
	request: SandboxRequest,
	max: number,
): { limit: number; offset: number } | SandboxResponse {
	const limit = Number(request.query.limit ?? 25);
	const offset = Number(request.query.offset ?? 0);
	if (!Number.isInteger(limit) || limit < 1 || limit > max)
		return problem(400, 'BAD_REQUEST', `limit must be 1 to ${max}`, 'limit');
	if (!Number.isInteger(offset) || offset < 0 || offset > 10_000)
		return problem(400, 'BAD_REQUEST', 'Offsets beyond 10000 are rejected', 'offset');
	return { limit, offset };
}

function billingDocuments(request: SandboxRequest): SandboxResponse {
	const { advertiserId } = request.params;
	// Awin: "at least the Admin role"; the sandbox user is admin on 10001 only.
	if (advertiserId !== '10001')
		return problem(
			403,
			'FORBIDDEN',
			`The caller needs at least the Admin role on advertiser account ${advertiserId}`,
		);
	const page = paging(request, 100);
	if ('status' in page) return page;
	const type = request.query.documentType;
	if (type !== undefined && !TYPES.includes(type))
		return problem(400, 'BAD_REQUEST', `Unknown documentType ${type}`, 'documentType');
	const rows = documents.filter((d) => !type || d.documentType === type);
	return { status: 200, body: { data: rows.slice(page.offset, page.offset + page.limit) } };
}

function prepayments(request: SandboxRequest): SandboxResponse {
	if (request.params.advertiserId !== '10001')
		return problem(404, 'NOT_FOUND', 'This advertiser account has no prepayments account');
	return {
		status: 200,
		body: {
			availableBalance: { amount: 1250.5, currency: 'GBP' },
			linkStatus: { status: 'OFFLINE', statusChangedAt: '2026-11-20T10:00:00Z' },
		},
	};
}

function linkStatusChanges(request: SandboxRequest): SandboxResponse {
	if (request.params.advertiserId !== '10001')
		return problem(404, 'NOT_FOUND', 'This advertiser account has no prepayments account');
	const page = paging(request, 100);
	if ('status' in page) return page;
	const { status, statusChangedAtGte: from, statusChangedAtLt: before } = request.query;
	if (status !== undefined && !['ONLINE', 'OFFLINE'].includes(status))
		return problem(400, 'BAD_REQUEST', `Unknown status ${status}`, 'status');
	for (const [name, value] of [
		['statusChangedAtGte', from],
		['statusChangedAtLt', before],
	]) {
		if (value !== undefined && Number.isNaN(Date.parse(value)))
			return problem(400, 'BAD_REQUEST', `${name} is not a date-time`, name);
	}
	const rows = LINK_CHANGES.filter(
		(c) =>
			(!status || c.status === status) &&
			(!from || Date.parse(c.statusChangedAt) >= Date.parse(from)) &&
			(!before || Date.parse(c.statusChangedAt) < Date.parse(before)),
	);
	return { status: 200, body: { data: rows.slice(page.offset, page.offset + page.limit) } };
}

export const billingRoutes: RouteFactory = (sandbox) =>
	[
		['billing-documents', billingDocuments],
		['prepayments', prepayments],
		['prepayments/link-status-changes', linkStatusChanges],
	].map(([path, handle]) => ({
		method: 'GET',
		path: `${PUBLIC_PREFIX}/advertisers/:advertiserId/${path as string}`,
		auth: 'bearer' as const,
		quota: 'bearer' as const,
		handle: publicHandler(sandbox, handle as (r: SandboxRequest) => SandboxResponse),
	}));

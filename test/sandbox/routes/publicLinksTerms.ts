/**
 * Public API (v1) programme terms (publisher) and tracking links (advertiser), with the checks and
 * errors Awin's pages list (docs/awin-api.md). The fields of a terms row and of a link, and the
 * `{ data: [...] }` envelope, are the sandbox's own: the copies of Awin's pages read stop before
 * those schemas. The short link quota is per sandbox (shortLinkQuota), 429
 * LINK_SHORTENER_QUOTA_EXCEEDED with Retry-After when used up.
 */
import type { AwinSandbox, RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import { objectBody, problem, PUBLIC_PREFIX, publicHandler, unknownField } from './publicApi.ts';

/** Advertisers with stored terms; another id is left out of the answer, as Awin does. */
const TERMS: Record<string, Record<string, unknown>> = {
	'10001': {
		advertiserId: 10001,
		commission: { defaultRate: '8%' },
		paidSearch: { brandBidding: 'NOT_ALLOWED' },
		partnerTypes: ['Content', 'Cashback'],
		deduplication: 'LAST_CLICK',
	},
	'10002': {
		advertiserId: 10002,
		commission: { defaultRate: '5%' },
		paidSearch: { brandBidding: 'ALLOWED' },
		partnerTypes: ['Content'],
		deduplication: 'CHANNEL',
	},
	'10003': {
		advertiserId: 10003,
		commission: { defaultRate: '10%' },
		paidSearch: { brandBidding: 'NOT_ALLOWED' },
		partnerTypes: ['Discount Code'],
		deduplication: 'LAST_CLICK',
	},
};

function terms(request: SandboxRequest): SandboxResponse {
	if (request.params.publisherId !== '20001')
		return problem(
			403,
			'FORBIDDEN',
			`The caller has no role on publisher account ${request.params.publisherId}`,
		);
	const ids = (request.query.advertiserId ?? '').split(',').filter(Boolean);
	if (ids.length === 0)
		return problem(400, 'BAD_REQUEST', 'advertiserId is required', 'advertiserId');
	if (ids.length > 50)
		return problem(400, 'BAD_REQUEST', 'At most 50 advertiserId values', 'advertiserId');
	if (ids.some((id) => !/^[0-9]+$/.test(id)))
		return problem(400, 'BAD_REQUEST', 'advertiserId values must be numbers', 'advertiserId');
	if (new Set(ids).size !== ids.length)
		return problem(400, 'BAD_REQUEST', 'Each advertiserId may appear only once', 'advertiserId');
	const rows = ids
		.filter((id) => TERMS[id])
		.sort((a, b) => Number(a) - Number(b))
		.map((id) => TERMS[id]);
	return { status: 200, body: { data: rows } };
}

const quotas = new WeakMap<AwinSandbox, { left: number }>();

/** Sets how many short links the sandbox's advertiser accounts may still create. */
export function shortLinkQuota(sandbox: AwinSandbox, left: number): void {
	quotas.set(sandbox, { left });
}

function trackingLink(sandbox: AwinSandbox, request: SandboxRequest): SandboxResponse {
	const { advertiserId } = request.params;
	if (advertiserId !== '10001' && advertiserId !== '10002')
		return problem(
			403,
			'FORBIDDEN',
			`The caller does not belong to advertiser account ${advertiserId}`,
		);
	const body = objectBody(request);
	if (!body) return problem(400, 'BAD_REQUEST', 'The body is missing or not valid JSON');
	const extra = unknownField(body, ['destinationUrl', 'publisherId', 'shorten']);
	if (extra) return problem(400, 'BAD_REQUEST', `Unknown field ${extra}`, extra);
	if (typeof body.destinationUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(body.destinationUrl)) {
		return problem(
			400,
			'BAD_REQUEST',
			'destinationUrl must be an http or https URL',
			'destinationUrl',
		);
	}
	if (body.publisherId !== undefined && body.publisherId !== 20001) {
		return problem(
			422,
			'UNPROCESSABLE_ENTITY',
			'The publisher is not actively joined to the advertiser',
			'publisherId',
		);
	}
	const trackingUrl = `https://www.awin1.com/cread.php?awinmid=${advertiserId}&awinaffid=${body.publisherId ?? '!!!id!!!'}&ued=${encodeURIComponent(body.destinationUrl)}`;
	if (body.shorten !== true) return { status: 200, body: { trackingUrl } };
	const quota = quotas.get(sandbox) ?? { left: 100 };
	quotas.set(sandbox, quota);
	if (quota.left <= 0) {
		const refused = problem(
			429,
			'LINK_SHORTENER_QUOTA_EXCEEDED',
			'The short link quota of this account is used up',
		);
		refused.headers = { 'Retry-After': '3600' };
		return refused;
	}
	quota.left--;
	return { status: 200, body: { trackingUrl, shortUrl: `https://tidd.ly/sb${quota.left}` } };
}

export const publicLinksTermsRoutes: RouteFactory = (sandbox) => [
	{
		method: 'GET',
		path: `${PUBLIC_PREFIX}/publishers/:publisherId/advertiser-terms`,
		auth: 'bearer',
		quota: 'bearer',
		handle: publicHandler(sandbox, terms),
	},
	{
		method: 'POST',
		path: `${PUBLIC_PREFIX}/advertisers/:advertiserId/tracking-links`,
		auth: 'bearer',
		quota: 'bearer',
		handle: publicHandler(sandbox, (r) => trackingLink(sandbox, r), { jsonBody: true }),
	},
];

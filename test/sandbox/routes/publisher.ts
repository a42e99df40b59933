/**
 * Publisher toolkit and advertiser reads: programmes, programme details, commission groups, the
 * publishers of an advertiser, the Link Builder (single, batch of at most 100, quota) and offers
 * with paging. Deterministic data; shapes follow Awin's documented examples, and where Awin shows
 * none (link builder quota, the offers' pagination object) the sandbox's own choice is marked.
 */
import { MAX_PER_CALL } from '../../../nodes/shared/limits.ts';
import type { AwinSandbox, RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import { SANDBOX_ACCOUNTS } from './accounts.ts';

type Relationship = 'joined' | 'pending' | 'suspended' | 'rejected' | 'notjoined';

interface Programme {
	id: number;
	name: string;
	countryCode: string;
	regionName: string;
	currencyCode: string;
	domain: string;
	relationship: Relationship;
	/** false: the advertiser allows links to its default landing page only. */
	deepLinks: boolean;
}

/** The programmes the sandbox publisher (20001) sees, with its relationship to each. */
export const SANDBOX_PROGRAMMES: Programme[] = [
	{
		id: 1001,
		name: 'Demo Shoes UK',
		countryCode: 'GB',
		regionName: 'United Kingdom',
		currencyCode: 'GBP',
		domain: 'demoshoes.co.uk',
		relationship: 'joined',
		deepLinks: true,
	},
	{
		id: 1002,
		name: 'Demo Tech DE',
		countryCode: 'DE',
		regionName: 'Germany',
		currencyCode: 'EUR',
		domain: 'demotech.de',
		relationship: 'joined',
		deepLinks: true,
	},
	{
		id: 1003,
		name: 'Garden World UK',
		countryCode: 'GB',
		regionName: 'United Kingdom',
		currencyCode: 'GBP',
		domain: 'gardenworld.co.uk',
		relationship: 'joined',
		deepLinks: false,
	},
	{
		id: 1004,
		name: 'Travel Deals FR',
		countryCode: 'FR',
		regionName: 'France',
		currencyCode: 'EUR',
		domain: 'traveldeals.fr',
		relationship: 'pending',
		deepLinks: true,
	},
	{
		id: 1005,
		name: 'Fashion Hub UK',
		countryCode: 'GB',
		regionName: 'United Kingdom',
		currencyCode: 'GBP',
		domain: 'fashionhub.co.uk',
		relationship: 'notjoined',
		deepLinks: true,
	},
	{
		id: 1006,
		name: 'Old Books IE',
		countryCode: 'IE',
		regionName: 'Ireland',
		currencyCode: 'EUR',
		domain: 'oldbooks.ie',
		relationship: 'suspended',
		deepLinks: true,
	},
	{
		id: 1007,
		name: 'Pet Shop US',
		countryCode: 'US',
		regionName: 'United States',
		currencyCode: 'USD',
		domain: 'petshop.com',
		relationship: 'rejected',
		deepLinks: true,
	},
];

/** Publishers with an active relationship, per advertiser account. */
export const SANDBOX_PUBLISHERS: Record<
	string,
	Array<{ id: number; name: string; primaryRegion: string; primaryType: string }>
> = {
	'10001': [
		{ id: 20001, name: 'Cashback Club', primaryRegion: 'GB', primaryType: 'Cashback' },
		{ id: 20002, name: 'Voucher Hunters', primaryRegion: 'GB', primaryType: 'Discount Code' },
		{ id: 20003, name: 'Style Blog', primaryRegion: 'IE', primaryType: 'Content' },
	],
	'10002': [{ id: 20004, name: 'Tech Reviews DE', primaryRegion: 'DE', primaryType: 'Content' }],
};

const ACCOUNT_IDS = (type: string) =>
	SANDBOX_ACCOUNTS.filter((a) => a.accountType === type).map((a) => String(a.accountId));

const RELATIONSHIPS = ['joined', 'pending', 'suspended', 'rejected', 'notjoined'];

export function programmeJson(p: Programme) {
	return {
		id: p.id,
		name: p.name,
		description: `${p.name}: sandbox programme.`,
		displayUrl: `https://www.${p.domain}`,
		clickThroughUrl: `https://www.awin1.com/awclick.php?mid=${p.id}&id=20001`,
		logoUrl: `https://ui.awin.com/images/upload/merchant/profile/${p.id}.png`,
		primaryRegion: { name: p.regionName, countryCode: p.countryCode },
		currencyCode: p.currencyCode,
		validDomains: [{ domain: p.domain }],
	};
}

export function commissionGroupsOf(advertiserId: number) {
	return [
		{
			groupId: advertiserId * 10 + 1,
			groupCode: 'DEFAULT',
			groupName: 'Default Commission',
			type: 'percentage',
			percentage: 5,
		},
		{
			groupId: advertiserId * 10 + 2,
			groupCode: 'NEW',
			groupName: 'New Customers',
			type: 'fix',
			amount: 4.5,
			currency: 'GBP',
		},
	];
}

/** The tracking link the sandbox builds (Awin's real links look alike: cread.php with awinmid/awinaffid). */
export function trackingUrl(
	publisherId: string,
	request: { advertiserId: number; destinationUrl?: string; parameters?: Record<string, string> },
): string {
	const params = new URLSearchParams({
		awinmid: String(request.advertiserId),
		awinaffid: publisherId,
	});
	for (const [name, value] of Object.entries(request.parameters ?? {}))
		if (value) params.set(name, value);
	if (request.destinationUrl) params.set('ued', request.destinationUrl);
	return `https://www.awin1.com/cread.php?${params.toString()}`;
}

export function shortUrl(longUrl: string): string {
	let hash = 7;
	for (const char of longUrl) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return `https://tidd.ly/${hash.toString(36)}`;
}

interface Offer {
	promotionId: number;
	type: 'promotion' | 'voucher';
	advertiser: { id: number; name: string; joined: boolean };
	title: string;
	description: string;
	terms: string;
	startDate: string;
	endDate: string;
	url: string;
	urlTracking: string;
	dateAdded: string;
	campaign: string;
	regions: { all: boolean; list?: Array<{ countryCode: string }> };
	voucher?: { code: string; exclusive: boolean; attributable: boolean };
}

/**
 * 250 offers: 200 of Demo Shoes UK (1001, every 4th a voucher, the last of each 50 expiring soon),
 * 30 of Demo Tech DE (1002), 20 of Fashion Hub UK (1005, not joined; the last 10 upcoming).
 */
export const SANDBOX_OFFERS: Offer[] = Array.from({ length: 250 }, (_, i) => {
	const programme = SANDBOX_PROGRAMMES.find(
		(p) => p.id === (i < 200 ? 1001 : i < 230 ? 1002 : 1005),
	) as Programme;
	const upcoming = i >= 240;
	const expiringSoon = !upcoming && i % 50 === 49;
	const type = i % 4 === 0 ? 'voucher' : 'promotion';
	const day = (n: number) =>
		new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().replace('.000Z', '+00:00');
	const url = `https://www.${programme.domain}/offers/${i + 1}`;
	return {
		promotionId: 900_000 + i + 1,
		type,
		advertiser: {
			id: programme.id,
			name: programme.name,
			joined: programme.relationship === 'joined',
		},
		title: `${type === 'voucher' ? 'Code' : 'Sale'} ${i + 1} at ${programme.name}`,
		description: `${(i % 5) * 5 + 10}% off`,
		terms: 'Sandbox terms.',
		startDate: upcoming ? '2099-01-01T00:00:00+00:00' : day(i),
		endDate: expiringSoon ? '2099-01-03T00:00:00+00:00' : '2099-12-31T23:59:00+00:00',
		url,
		urlTracking: trackingUrl('20001', { advertiserId: programme.id, destinationUrl: url }),
		dateAdded: day(i),
		campaign: '',
		regions: { all: false, list: [{ countryCode: programme.countryCode }] },
		...(type === 'voucher'
			? { voucher: { code: `SAVE${i + 1}`, exclusive: i % 8 === 0, attributable: true } }
			: {}),
		_status: upcoming ? 'upcoming' : expiringSoon ? 'expiringSoon' : 'active',
	} as Offer & { _status: string };
});

const bad = (description: string, error = 'invalid.request'): SandboxResponse => ({
	status: 400,
	body: { error, description },
});
const forbidden = (description: string): SandboxResponse => ({
	status: 403,
	body: { error: 'forbidden', description },
});

function publisherGate(request: SandboxRequest): SandboxResponse | undefined {
	if (!ACCOUNT_IDS('publisher').includes(request.params.publisherId)) {
		return forbidden(`You have no access to publisher account ${request.params.publisherId}`);
	}
	return undefined;
}

function joinedProgramme(publisherId: string, advertiserId: number): Programme | SandboxResponse {
	const programme = SANDBOX_PROGRAMMES.find((p) => p.id === advertiserId);
	if (!programme || programme.relationship !== 'joined') {
		return forbidden(
			`Publisher ${publisherId} has no active relationship with advertiser ${advertiserId}`,
		);
	}
	return programme;
}

/** One link request, answered as Awin answers it alone: { status, body }. */
function buildLink(
	publisherId: string,
	request: unknown,
	shorten: boolean,
): { status: number; body: unknown } {
	const r = request as {
		advertiserId?: unknown;
		destinationUrl?: unknown;
		parameters?: Record<string, string>;
	};
	if (typeof r?.advertiserId !== 'number')
		return { status: 400, body: { advertiserId: 'required' } };
	const programme = joinedProgramme(publisherId, r.advertiserId);
	if ('status' in programme) return { status: programme.status, body: programme.body };
	if (r.destinationUrl !== undefined) {
		if (typeof r.destinationUrl !== 'string' || !/^https?:\/\//.test(r.destinationUrl))
			return { status: 400, body: { destinationUrl: 'invalid' } };
		if (!programme.deepLinks)
			return { status: 400, body: { destinationUrl: 'deeplinkNotPermitted' } };
	}
	const url = trackingUrl(
		publisherId,
		r as { advertiserId: number; destinationUrl?: string; parameters?: Record<string, string> },
	);
	return { status: 200, body: shorten ? { url, shortUrl: shortUrl(url) } : { url } };
}

function offerMatches(
	offer: Offer & { _status?: string },
	filters: Record<string, unknown>,
): boolean {
	const status = (filters.status as string | undefined) ?? 'active';
	if (
		status === 'upcoming'
			? offer._status !== 'upcoming'
			: status === 'expiringSoon'
				? offer._status !== 'expiringSoon'
				: offer._status === 'upcoming'
	)
		return false;
	const type = (filters.type as string | undefined) ?? 'all';
	if (type !== 'all' && offer.type !== type) return false;
	const membership = (filters.membership as string | undefined) ?? 'all';
	if (membership === 'joined' && !offer.advertiser.joined) return false;
	if (membership === 'notJoined' && offer.advertiser.joined) return false;
	const ids = filters.advertiserIds as number[] | undefined;
	if (ids && ids.length > 0 && !ids.includes(offer.advertiser.id)) return false;
	const regions = filters.regionCodes as string[] | undefined;
	if (
		regions &&
		regions.length > 0 &&
		!offer.regions.list?.some((r) => regions.includes(r.countryCode))
	)
		return false;
	if (filters.exclusiveOnly === true && !offer.voucher?.exclusive) return false;
	if (
		typeof filters.updatedSince === 'string' &&
		offer.dateAdded.slice(0, 10) < filters.updatedSince
	)
		return false;
	return true;
}

export const publisherRoutes: RouteFactory = (sandbox: AwinSandbox) => [
	{
		method: 'GET',
		path: '/publishers/:publisherId/programmes',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const gate = publisherGate(request);
			if (gate) return gate;
			const { relationship, countryCode } = request.query;
			if (relationship !== undefined && !RELATIONSHIPS.includes(relationship))
				return bad(`Unknown relationship '${relationship}'`);
			if (countryCode !== undefined && !/^[A-Z]{2}$/.test(countryCode))
				return bad(`Invalid countryCode '${countryCode}'`);
			return {
				status: 200,
				body: SANDBOX_PROGRAMMES.filter(
					(p) =>
						(!relationship || p.relationship === relationship) &&
						(!countryCode || p.countryCode === countryCode),
				).map(programmeJson),
			};
		},
	},
	{
		method: 'GET',
		path: '/publishers/:publisherId/programmedetails',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const gate = publisherGate(request);
			if (gate) return gate;
			const advertiserId = Number(request.query.advertiserId);
			if (!Number.isInteger(advertiserId) || advertiserId < 1)
				return bad('advertiserId is required');
			const programme = joinedProgramme(request.params.publisherId, advertiserId);
			if ('status' in programme) return programme;
			return {
				status: 200,
				body: {
					programmeInfo: programmeJson(programme),
					kpi: {
						averagePaymentTime: 35,
						approvalPercentage: 92.5,
						epc: 0.12,
						conversionRate: 3.4,
						validationDays: 30,
						awinIndex: 1.8,
					},
					commissionRange: [{ min: 4.5, max: 5, type: 'percentage' }],
				},
			};
		},
	},
	{
		method: 'GET',
		path: '/publishers/:publisherId/commissiongroups',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const gate = publisherGate(request);
			if (gate) return gate;
			const advertiserId = Number(request.query.advertiserId);
			if (!Number.isInteger(advertiserId) || advertiserId < 1)
				return bad('advertiserId is required');
			const programme = joinedProgramme(request.params.publisherId, advertiserId);
			if ('status' in programme) return programme;
			return {
				status: 200,
				body: {
					advertiser: advertiserId,
					publisher: Number(request.params.publisherId),
					commissionGroups: commissionGroupsOf(advertiserId),
				},
			};
		},
	},
	{
		method: 'GET',
		path: '/advertisers/:advertiserId/publishers',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const publishers = SANDBOX_PUBLISHERS[request.params.advertiserId];
			if (!publishers)
				return forbidden(`You have no access to advertiser account ${request.params.advertiserId}`);
			return { status: 200, body: publishers };
		},
	},
	{
		method: 'POST',
		path: '/publishers/:publisherId/linkbuilder/generate',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const gate = publisherGate(request);
			if (gate) return gate;
			const body = request.body as { shorten?: unknown };
			return buildLink(request.params.publisherId, body, body?.shorten === true);
		},
	},
	{
		method: 'POST',
		path: '/publishers/:publisherId/linkbuilder/generate-batch',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const gate = publisherGate(request);
			if (gate) return gate;
			const requests = (request.body as { requests?: unknown })?.requests;
			if (!Array.isArray(requests) || requests.length === 0)
				return bad('requests must be a non-empty array');
			if (requests.length > 100)
				return bad(`A batch holds at most 100 requests, got ${requests.length}`);
			// Short links are not made by the batch endpoint (Awin says so); it answers each request in turn.
			return {
				status: 200,
				body: {
					responses: requests.map((r) => ({
						...buildLink(request.params.publisherId, r, false),
						request: r,
					})),
				},
			};
		},
	},
	{
		method: 'GET',
		path: '/publishers/:publisherId/linkbuilder/quota',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const gate = publisherGate(request);
			if (gate) return gate;
			// Awin's answer (help.awin.com/apidocs/quota): publisherId (String), limit (String, "Max number
			// of short links this publisher account can generate in 24hrs"), usage (Integer, short links
			// generated in the last 24hrs).
			const shortened = (entry: unknown) =>
				(entry as { shorten?: unknown } | undefined)?.shorten === true;
			const usage = sandbox
				.requestsTo(
					new RegExp(`^/publishers/${request.params.publisherId}/linkbuilder/generate`),
					'POST',
				)
				.filter((r) => r.status === 200)
				.reduce((n, r) => {
					const body = r.body as { requests?: unknown[] } | undefined;
					return (
						n +
						(Array.isArray(body?.requests)
							? body.requests.filter(shortened).length
							: shortened(body)
								? 1
								: 0)
					);
				}, 0);
			return {
				status: 200,
				body: { publisherId: String(request.params.publisherId), limit: '10000', usage },
			};
		},
	},
	{
		method: 'POST',
		path: '/publisher/:publisherId/promotions',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const gate = publisherGate(request);
			if (gate) return gate;
			const body = (request.body || {}) as {
				filters?: Record<string, unknown>;
				pagination?: { page?: unknown; pageSize?: unknown };
			};
			const filters = body.filters ?? {};
			if (
				filters.membership !== undefined &&
				!['all', 'joined', 'notJoined'].includes(filters.membership as string)
			)
				return bad('Invalid membership');
			if (
				filters.status !== undefined &&
				!['active', 'expiringSoon', 'upcoming'].includes(filters.status as string)
			)
				return bad('Invalid status');
			if (
				filters.type !== undefined &&
				!['all', 'promotion', 'voucher'].includes(filters.type as string)
			)
				return bad('Invalid type');
			if (
				filters.updatedSince !== undefined &&
				!/^\d{4}-\d{2}-\d{2}$/.test(String(filters.updatedSince))
			)
				return bad('updatedSince must be yyyy-MM-dd');
			const page = Number(body.pagination?.page ?? 1);
			const pageSize = Number(body.pagination?.pageSize ?? 10);
			if (
				!Number.isInteger(page) ||
				page < 1 ||
				!Number.isInteger(pageSize) ||
				pageSize < 1 ||
				pageSize > MAX_PER_CALL.offersPerPage
			)
				return bad('Invalid pagination');
			const matching = SANDBOX_OFFERS.filter((o) => offerMatches(o, filters));
			const data = matching
				.slice((page - 1) * pageSize, page * pageSize)
				.map(({ _status, ...offer }: Offer & { _status?: string }) => offer);
			// Awin names no fields for this object; the sandbox's choice: page, pageSize, total.
			return {
				status: 200,
				body: { data, pagination: { page, pageSize, total: matching.length } },
			};
		},
	},
];

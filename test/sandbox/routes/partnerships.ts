/**
 * Public API (v1) partnerships, both sides, and an advertiser's partnership tags, with the errors
 * Awin's pages list (docs/awin-api.md, "Public API (v1)"). Rows, the list's `{ data: [...] }`
 * envelope, the reason codes other than OTHER_SPECIFY and the tags' answer are the sandbox's own:
 * the copies of Awin's pages read stop before those schemas.
 *
 * State lives per sandbox and starts over with resetPartnerships(sandbox).
 */
import type { AwinSandbox, RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import { objectBody, problem, PUBLIC_PREFIX, publicHandler, unknownField } from './publicApi.ts';

export const PARTNERSHIP_STATUSES = [
	'ACTIVE',
	'INVITE_PENDING',
	'INVITE_REJECTED',
	'APPLICATION_PENDING',
	'APPLICATION_REJECTED',
	'ADVERTISER_SUSPENDED',
	'PUBLISHER_LEFT',
];

/** Stand-ins for Awin's list of rejection reasons (not in the copies read), plus Awin's OTHER_SPECIFY. */
export const SANDBOX_REJECT_REASONS = [
	'OTHER_SPECIFY',
	'PROMOTION_TYPE_NOT_SUITABLE',
	'REGION_NOT_SUITABLE',
];

/** The sandbox user's role on each account; other advertisers exist but the user is not a member. */
const ROLES: Record<string, 'FULL_ACCESS' | 'VIEWER'> = {
	'10001': 'FULL_ACCESS',
	'10002': 'VIEWER',
	'20001': 'FULL_ACCESS',
	'20002': 'VIEWER',
};
const KNOWN_ADVERTISERS = ['10001', '10002', '10003', '10004', '10005'];
const KNOWN_PUBLISHERS = ['20001', '20002'];

/** Advertiser 10002 has this many active publishers: more than two pages of 1000. */
export const MANY_PARTNERS = 2_345;

export interface Partnership {
	publisher: { id: number; name: string; primaryRegion: string; promotionType: string };
	advertiser: { id: number; name: string };
	partnership: { status: string; statusUpdatedAt: string };
	tags: string[];
}

const ADVERTISER_NAMES: Record<string, string> = {
	'10001': 'Demo Shop UK',
	'10002': 'Demo Shop DE',
	'10003': 'Garden World',
	'10004': 'Closed Deals',
	'10005': 'Quiet Shop',
};

function row(
	advertiserId: number,
	publisherId: number,
	name: string,
	status: string,
	day: number,
	region = 'GB',
	type = 'Content',
): Partnership {
	return {
		publisher: { id: publisherId, name, primaryRegion: region, promotionType: type },
		advertiser: { id: advertiserId, name: ADVERTISER_NAMES[String(advertiserId)] },
		partnership: { status, statusUpdatedAt: new Date(Date.UTC(2026, 10, day, 9)).toISOString() },
		tags: [],
	};
}

/** The partnerships the sandbox starts with. */
export function initialPartnerships(): Partnership[] {
	const rows = [
		row(10001, 30001, 'Voucher Vault', 'APPLICATION_PENDING', 20, 'GB', 'Discount Code'),
		row(10001, 30002, 'Travel Blog Co', 'APPLICATION_PENDING', 21, 'DE', 'Content'),
		row(10001, 30007, 'Coupon Corner', 'APPLICATION_PENDING', 22, 'FR', 'Discount Code'),
		row(10001, 20001, 'Cashback Club', 'ACTIVE', 2, 'GB', 'Cashback'),
		row(10001, 30004, 'Old Friends Media', 'APPLICATION_REJECTED', 3),
		row(10001, 30005, 'Invited Media', 'INVITE_PENDING', 4),
		row(10001, 30006, 'Left Media', 'PUBLISHER_LEFT', 5),
		row(10002, 20001, 'Cashback Club', 'INVITE_PENDING', 18, 'GB', 'Cashback'),
		row(10003, 20001, 'Cashback Club', 'INVITE_PENDING', 19, 'GB', 'Cashback'),
		row(10004, 20001, 'Cashback Club', 'INVITE_REJECTED', 6, 'GB', 'Cashback'),
		row(10005, 20001, 'Cashback Club', 'ADVERTISER_SUSPENDED', 7, 'GB', 'Cashback'),
	];
	rows[3].tags = ['cashback', 'top-10'];
	for (let n = 0; n < MANY_PARTNERS; n++)
		rows.push(row(10002, 40_000 + n, `Partner ${n}`, 'ACTIVE', 1 + (n % 28)));
	return rows;
}

const state = new WeakMap<AwinSandbox, Partnership[]>();

function partnershipsOf(sandbox: AwinSandbox): Partnership[] {
	let rows = state.get(sandbox);
	if (!rows) {
		rows = initialPartnerships();
		state.set(sandbox, rows);
	}
	return rows;
}

/** Puts every partnership back as it started. */
export function resetPartnerships(sandbox: AwinSandbox): void {
	state.set(sandbox, initialPartnerships());
}

/** The current partnerships (tests read statuses after a write). */
export function partnerships(sandbox: AwinSandbox): Partnership[] {
	return partnershipsOf(sandbox);
}

const view = (p: Partnership, side: 'advertiser' | 'publisher') =>
	side === 'advertiser'
		? { publisher: p.publisher, partnership: p.partnership }
		: { advertiser: p.advertiser, partnership: p.partnership };

function roleProblem(
	accountId: string,
	side: string,
	needed: 'FULL_ACCESS' | 'VIEWER',
): SandboxResponse | undefined {
	const role = ROLES[accountId];
	if (side === 'advertiser' && !KNOWN_ADVERTISERS.includes(accountId))
		return problem(404, 'NOT_FOUND', `Advertiser ${accountId} does not exist`);
	if (side === 'publisher' && !KNOWN_PUBLISHERS.includes(accountId))
		return problem(404, 'NOT_FOUND', `Publisher ${accountId} does not exist`);
	if (!role)
		return problem(403, 'FORBIDDEN', `The caller does not belong to ${side} account ${accountId}`);
	if (needed === 'FULL_ACCESS' && role !== 'FULL_ACCESS') {
		return problem(
			403,
			'FORBIDDEN',
			`The caller needs the Full Access role or higher on ${side} account ${accountId}`,
		);
	}
	return undefined;
}

function list(
	sandbox: AwinSandbox,
	side: 'advertiser' | 'publisher',
	request: SandboxRequest,
): SandboxResponse {
	const accountId = request.params[side === 'advertiser' ? 'advertiserId' : 'publisherId'];
	const denied = roleProblem(accountId, side, 'VIEWER');
	if (denied) return denied;
	const {
		partnershipStatus,
		limit = '100',
		offset = '0',
		sort = '-partnership.statusUpdatedAt',
	} = request.query;
	const statuses = partnershipStatus ? partnershipStatus.split(',') : [];
	const unknown = statuses.find((s) => !PARTNERSHIP_STATUSES.includes(s));
	if (unknown)
		return problem(
			400,
			'BAD_REQUEST',
			`Unknown partnershipStatus value ${unknown}`,
			'partnershipStatus',
		);
	const size = Number(limit);
	const skip = Number(offset);
	if (!Number.isInteger(size) || size < 1 || size > 1000)
		return problem(400, 'BAD_REQUEST', 'limit must be 1 to 1000', 'limit');
	if (!Number.isInteger(skip) || skip < 0 || skip > 10_000)
		return problem(400, 'BAD_REQUEST', 'offset must be 0 to 10000', 'offset');
	if (!['partnership.statusUpdatedAt', '-partnership.statusUpdatedAt'].includes(sort))
		return problem(400, 'BAD_REQUEST', `Unknown sort value ${sort}`, 'sort');
	const mine = partnershipsOf(sandbox).filter(
		(p) =>
			String(side === 'advertiser' ? p.advertiser.id : p.publisher.id) === accountId &&
			(statuses.length === 0 || statuses.includes(p.partnership.status)),
	);
	const direction = sort.startsWith('-') ? -1 : 1;
	// Ties broken by id, so pages are stable.
	mine.sort(
		(a, b) =>
			direction * a.partnership.statusUpdatedAt.localeCompare(b.partnership.statusUpdatedAt) ||
			a.publisher.id - b.publisher.id ||
			a.advertiser.id - b.advertiser.id,
	);
	return { status: 200, body: { data: mine.slice(skip, skip + size).map((p) => view(p, side)) } };
}

/** The advertiser-publisher partnership a write is about, or Awin's 404. */
function find(sandbox: AwinSandbox, request: SandboxRequest): Partnership | SandboxResponse {
	const { advertiserId, publisherId } = request.params;
	const found = partnershipsOf(sandbox).find(
		(p) => String(p.advertiser.id) === advertiserId && String(p.publisher.id) === publisherId,
	);
	return (
		found ??
		problem(
			404,
			'NOT_FOUND',
			`No partnership between advertiser ${advertiserId} and publisher ${publisherId}`,
		)
	);
}

/** Awin's 422 wording: why the application or invitation is not pending. */
const WHY_NOT_PENDING: Record<string, string> = {
	APPLICATION_REJECTED: 'the application was rejected',
	INVITE_PENDING: 'the publisher was invited',
	INVITE_REJECTED: 'the invitation was declined',
	PUBLISHER_LEFT: 'the publisher has left',
	ADVERTISER_SUSPENDED: "the advertiser's status does not allow starting a partnership",
	ACTIVE: 'the partnership is already active',
	APPLICATION_PENDING: 'the publisher applied',
};

function decide(
	sandbox: AwinSandbox,
	request: SandboxRequest,
	side: 'advertiser' | 'publisher',
	rule: {
		from: string;
		to: string;
		doneStatus: string;
		done: string;
		body?: (body: Record<string, unknown> | undefined) => SandboxResponse | undefined;
	},
): SandboxResponse {
	const accountId = request.params[side === 'advertiser' ? 'advertiserId' : 'publisherId'];
	const denied = roleProblem(accountId, side, 'FULL_ACCESS');
	if (denied) return denied;
	const refused = rule.body?.(objectBody(request));
	if (refused) return refused;
	const found = find(sandbox, request);
	if (!('partnership' in found)) return found;
	const { status } = found.partnership;
	if (status === rule.doneStatus) return problem(409, 'CONFLICT', rule.done);
	if (status !== rule.from)
		return problem(
			422,
			'UNPROCESSABLE_ENTITY',
			`Not pending: ${WHY_NOT_PENDING[status] ?? status}`,
		);
	found.partnership = { status: rule.to, statusUpdatedAt: new Date(request.time).toISOString() };
	return { status: 200, body: view(found, side) };
}

function approveBody(body: Record<string, unknown> | undefined): SandboxResponse | undefined {
	if (!body) return problem(400, 'BAD_REQUEST', 'The body is missing or not valid JSON');
	const extra = unknownField(body, ['message']);
	if (extra) return problem(400, 'BAD_REQUEST', `Unknown field ${extra}`, extra);
	if (typeof body.message !== 'string')
		return problem(400, 'BAD_REQUEST', 'message is missing or not a string', 'message');
	const message = body.message.trim();
	if (/<[^>]*>/.test(message) || message.length < 3 || message.length > 1000) {
		return problem(
			400,
			'BAD_REQUEST',
			'message contains HTML or is not 3 to 1000 characters after trimming',
			'message',
		);
	}
	return undefined;
}

function rejectBody(body: Record<string, unknown> | undefined): SandboxResponse | undefined {
	if (!body) return problem(400, 'BAD_REQUEST', 'The body is missing or not valid JSON');
	const extra = unknownField(body, ['reason', 'otherReason']);
	if (extra) return problem(400, 'BAD_REQUEST', `Unknown field ${extra}`, extra);
	if (typeof body.reason !== 'string' || !SANDBOX_REJECT_REASONS.includes(body.reason)) {
		return problem(400, 'BAD_REQUEST', 'reason is missing or not an allowed value', 'reason');
	}
	const other = body.otherReason;
	if (body.reason !== 'OTHER_SPECIFY' && other !== undefined)
		return problem(
			400,
			'BAD_REQUEST',
			'otherReason is only allowed with OTHER_SPECIFY',
			'otherReason',
		);
	if (
		body.reason === 'OTHER_SPECIFY' &&
		(typeof other !== 'string' || other.length < 1 || other.length > 1000)
	) {
		return problem(
			400,
			'BAD_REQUEST',
			'otherReason is required with OTHER_SPECIFY and must be 1 to 1000 characters',
			'otherReason',
		);
	}
	return undefined;
}

function acceptBody(body: Record<string, unknown> | undefined): SandboxResponse | undefined {
	if (!body) return problem(400, 'BAD_REQUEST', 'The body is missing or not valid JSON');
	const extra = unknownField(body, ['termsAndConditionsAccepted']);
	if (extra) return problem(400, 'BAD_REQUEST', `Unknown field ${extra}`, extra);
	if (typeof body.termsAndConditionsAccepted !== 'boolean')
		return problem(400, 'BAD_REQUEST', 'termsAndConditionsAccepted is missing or is not a boolean');
	if (!body.termsAndConditionsAccepted)
		return problem(422, 'UNPROCESSABLE_ENTITY', 'termsAndConditionsAccepted is false');
	return undefined;
}

function tagsBody(body: Record<string, unknown> | undefined): SandboxResponse | string[] {
	if (!body) return problem(400, 'BAD_REQUEST', 'The body is missing or not valid JSON');
	const extra = unknownField(body, ['partnershipTags']);
	if (extra) return problem(400, 'BAD_REQUEST', `Unknown field ${extra}`, extra);
	const tags = body.partnershipTags;
	if (
		!Array.isArray(tags) ||
		tags.some(
			(t) => !t || typeof t !== 'object' || typeof (t as { name?: unknown }).name !== 'string',
		)
	) {
		return problem(
			400,
			'BAD_REQUEST',
			'partnershipTags is missing or not an array of objects with a name',
			'partnershipTags',
		);
	}
	const names = tags.map((t) => (t as { name: string }).name);
	if (names.some((n) => n.length === 0 || n.length > 55))
		return problem(400, 'BAD_REQUEST', 'A name is empty or longer than 55 characters');
	if (new Set(names).size !== names.length)
		return problem(400, 'BAD_REQUEST', 'Names are repeated');
	if (names.length > 1000) return problem(400, 'BAD_REQUEST', 'There are more than 1000 tags');
	return names;
}

function tags(sandbox: AwinSandbox, request: SandboxRequest, write: boolean): SandboxResponse {
	const denied = roleProblem(
		request.params.advertiserId,
		'advertiser',
		write ? 'FULL_ACCESS' : 'VIEWER',
	);
	if (denied) return denied;
	let names: string[] | undefined;
	if (write) {
		const checked = tagsBody(objectBody(request));
		if (!Array.isArray(checked)) return checked;
		names = checked;
	}
	const found = find(sandbox, request);
	if (!('partnership' in found)) return found;
	if (names) found.tags = names;
	return {
		status: 200,
		body: { partnershipTags: [...found.tags].sort().map((name) => ({ name })) },
	};
}

const ADVERTISER = `${PUBLIC_PREFIX}/advertisers/:advertiserId/publishers`;
const PUBLISHER = `${PUBLIC_PREFIX}/publishers/:publisherId/advertisers`;

export const partnershipRoutes: RouteFactory = (sandbox) => {
	const route = (
		method: string,
		path: string,
		handle: (r: SandboxRequest) => SandboxResponse,
		jsonBody = false,
	) => ({
		method,
		path,
		auth: 'bearer' as const,
		quota: 'bearer' as const,
		handle: publicHandler(sandbox, handle, { jsonBody }),
	});
	return [
		route('GET', ADVERTISER, (r) => list(sandbox, 'advertiser', r)),
		route('GET', PUBLISHER, (r) => list(sandbox, 'publisher', r)),
		route(
			'POST',
			`${ADVERTISER}/:publisherId/approve-application`,
			(r) =>
				decide(sandbox, r, 'advertiser', {
					from: 'APPLICATION_PENDING',
					to: 'ACTIVE',
					doneStatus: 'ACTIVE',
					done: 'The application was already approved',
					body: approveBody,
				}),
			true,
		),
		route(
			'POST',
			`${ADVERTISER}/:publisherId/reject-application`,
			(r) =>
				decide(sandbox, r, 'advertiser', {
					from: 'APPLICATION_PENDING',
					to: 'APPLICATION_REJECTED',
					doneStatus: 'APPLICATION_REJECTED',
					done: 'The application was already rejected',
					body: rejectBody,
				}),
			true,
		),
		route(
			'POST',
			`${PUBLISHER}/:advertiserId/accept-invitation`,
			(r) =>
				decide(sandbox, r, 'publisher', {
					from: 'INVITE_PENDING',
					to: 'ACTIVE',
					doneStatus: 'ACTIVE',
					done: 'An active partnership already exists',
					body: acceptBody,
				}),
			true,
		),
		route('POST', `${PUBLISHER}/:advertiserId/decline-invitation`, (r) =>
			decide(sandbox, r, 'publisher', {
				from: 'INVITE_PENDING',
				to: 'INVITE_REJECTED',
				doneStatus: 'INVITE_REJECTED',
				done: 'The invitation was already declined',
			}),
		),
		route('GET', `${ADVERTISER}/:publisherId/partnership-tags`, (r) => tags(sandbox, r, false)),
		route(
			'PUT',
			`${ADVERTISER}/:publisherId/partnership-tags`,
			(r) => tags(sandbox, r, true),
			true,
		),
	];
};

/** A publisher applies to an advertiser's programme (again, when the partnership exists). */
export function apply(
	sandbox: AwinSandbox,
	advertiserId: number,
	publisherId: number,
	name: string,
	at = Date.now(),
): void {
	const rows = partnershipsOf(sandbox);
	const existing = rows.find(
		(p) => p.advertiser.id === advertiserId && p.publisher.id === publisherId,
	);
	const partnership = {
		status: 'APPLICATION_PENDING',
		statusUpdatedAt: new Date(at).toISOString(),
	};
	if (existing) existing.partnership = partnership;
	else
		rows.push({ ...row(advertiserId, publisherId, name, 'APPLICATION_PENDING', 1), partnership });
}

/**
 * Transactions as Awin serves them: GET /advertisers/:id/transactions/ and
 * /publishers/:id/transactions/, by date range (at most 31 days) or by `?ids=`.
 *
 * Data is generated, deterministic and endless: every advertiser has 2 to 4 transactions per UTC
 * day, the first at exactly 00:00:00 and the last at exactly 23:59:59, so a client whose date
 * windows leave a gap (or overlap) at a border misses (or repeats) rows.
 *
 * A test can change that data between calls (the polling trigger's tests): see
 * sandboxTransactions(sandbox). Without such changes every answer is the generator's.
 */
import { DateTime } from 'luxon';

import { AWIN_TIMEZONES, MAX_WINDOW_DAYS } from '../../../nodes/shared/limits.ts';
import type { AwinSandbox, RouteFactory, SandboxRequest, SandboxResponse } from '../server.ts';
import { SANDBOX_ACCOUNTS } from './accounts.ts';

/** The same list the node offers: a timezone Awin accepts is one fact, in one place. */
export const TIMEZONES: readonly string[] = AWIN_TIMEZONES;

const DATETIME = "yyyy-MM-dd'T'HH:mm:ss";
const DAY_MS = 86_400_000;
/** Day 0 of the generator; nothing happens before it. */
const EPOCH = Date.UTC(2015, 0, 1);

/** Advertisers and the publishers they have a relationship with (Cashback Club 20001 is ours). */
export const RELATIONSHIPS: Record<number, number[]> = {
	10001: [20001, 30001, 30002],
	10002: [20001, 30003],
};

export const ADVERTISER_INFO: Record<number, { name: string; currency: string; region: string }> = {
	10001: { name: 'Demo Shop UK', currency: 'GBP', region: 'GB' },
	10002: { name: 'Demo Shop DE', currency: 'EUR', region: 'DE' },
};

export const PUBLISHER_NAMES: Record<number, string> = {
	20001: 'Cashback Club',
	30001: 'Deal Hunters',
	30002: 'Voucher Garden',
	30003: 'Tech Reviews',
};

/** A transaction before it is shown in a timezone: instants in epoch milliseconds. */
export interface RawTransaction {
	id: number;
	advertiserId: number;
	publisherId: number;
	status: 'pending' | 'approved' | 'declined' | 'deleted';
	transactionTime: number;
	clickTime: number;
	validationTime: number | null;
	amended: boolean;
	sale: number;
	commission: number;
	currency: string;
	clickRefs: Record<string, string>;
	customParameters: Array<{ key: string; value: string }>;
	parts: Array<{ code: string; amount: number; commission: number }>;
	voucherCode: string | null;
	device: string;
	country: string;
	paid: boolean;
	/** The shop's order reference; the generator's is `ORD-<id>`. */
	orderRef?: string;
}

function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Transaction ids encode advertiser, day and position, so `?ids=` can find them again. */
function transactionId(advertiserId: number, day: number, n: number): number {
	return (advertiserId % 100) * 10_000_000 + day * 10 + n;
}

/** Every transaction of one advertiser on one UTC day (day 0 = 2015-01-01). */
export function transactionsOfDay(advertiserId: number, day: number): RawTransaction[] {
	const publishers = RELATIONSHIPS[advertiserId];
	if (!publishers || day < 0) return [];
	const rand = random(advertiserId * 100_003 + day);
	const count = 2 + Math.floor(rand() * 3);
	const dayStart = EPOCH + day * DAY_MS;
	const info = ADVERTISER_INFO[advertiserId];
	const list: RawTransaction[] = [];
	for (let n = 0; n < count; n++) {
		const second = n === 0 ? 0 : n === count - 1 ? 86_399 : Math.floor(rand() * 86_399);
		const transactionTime = dayStart + second * 1000;
		const r = rand();
		const status = r < 0.5 ? 'pending' : r < 0.8 ? 'approved' : r < 0.95 ? 'declined' : 'deleted';
		const sale = round2(10 + rand() * 190);
		const twoParts = rand() < 0.3;
		const parts = twoParts
			? [
					{ code: 'DEFAULT', amount: round2(sale * 0.6), commission: round2(sale * 0.6 * 0.08) },
					{
						code: 'SALE_ITEMS',
						amount: round2(sale - round2(sale * 0.6)),
						commission: round2((sale - round2(sale * 0.6)) * 0.05),
					},
				]
			: [{ code: 'DEFAULT', amount: sale, commission: round2(sale * 0.08) }];
		const clickRefs: Record<string, string> = {};
		if (rand() < 0.6) clickRefs.clickRef = `cr-${advertiserId}-${day}-${n}`;
		if (rand() < 0.3) clickRefs.clickRef2 = 'newsletter';
		if (rand() < 0.1) clickRefs.clickRef6 = 'app';
		const customParameters = rand() < 0.4 ? [{ key: '1', value: `basket-${n}` }] : [];
		list.push({
			id: transactionId(advertiserId, day, n),
			advertiserId,
			publisherId: publishers[Math.floor(rand() * publishers.length)],
			status,
			transactionTime,
			clickTime: transactionTime - Math.floor(rand() * 48) * 3_600_000,
			validationTime:
				status === 'approved' || status === 'declined' ? transactionTime + 5 * DAY_MS : null,
			amended: rand() < 0.1,
			sale,
			commission: round2(parts.reduce((sum, p) => sum + p.commission, 0)),
			currency: info.currency,
			clickRefs,
			customParameters,
			parts,
			voucherCode: rand() < 0.2 ? 'SUMMER10' : null,
			device: rand() < 0.5 ? 'Desktop' : 'Mobile',
			country: info.region,
			paid: status === 'approved' && rand() < 0.5,
		});
	}
	return list;
}

/** The transaction with this id, if the generator made it. */
export function transactionById(id: number): RawTransaction | undefined {
	const advertiserId = 10_000 + Math.floor(id / 10_000_000);
	const day = Math.floor((id % 10_000_000) / 10);
	return transactionsOfDay(advertiserId, day).find((t) => t.id === id);
}

export type DateType = 'transaction' | 'validation' | 'amendment';

/** The instant a date type filters on; amendments are dated at validation. */
function dateOf(t: RawTransaction, dateType: DateType): number | null {
	if (dateType === 'transaction') return t.transactionTime;
	if (dateType === 'amendment') return t.amended ? t.validationTime : null;
	return t.validationTime;
}

/** What a test changed in one sandbox's transactions. */
export interface TransactionChanges {
	/** Generated sales after this instant (ms) do not exist: a shop that sells nothing while a test polls. */
	quietAfter?: number;
	/** Generated transactions replaced by a changed copy (status, amounts). */
	overrides: Map<number, RawTransaction>;
	/** Transactions a test added. */
	added: RawTransaction[];
}

/** Awin's dates have whole seconds; so have the sandbox's, or a query ending "now" would miss them. */
const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

const changesOf = new WeakMap<AwinSandbox, TransactionChanges>();

/** What tests changed in this sandbox's transactions, if anything (the reports count them too). */
export function changesIn(sandbox: AwinSandbox): TransactionChanges | undefined {
	return changesOf.get(sandbox);
}

function changesFor(sandbox: AwinSandbox): TransactionChanges {
	let changes = changesOf.get(sandbox);
	if (!changes) changesOf.set(sandbox, (changes = { overrides: new Map(), added: [] }));
	return changes;
}

/** Every transaction of an account whose date (by `dateType`) lies in [from, to] (inclusive, ms). */
export function transactionsBetween(
	accountType: 'advertiser' | 'publisher',
	accountId: number,
	from: number,
	to: number,
	dateType: DateType = 'transaction',
	changes?: TransactionChanges,
): RawTransaction[] {
	const advertisers =
		accountType === 'advertiser'
			? [accountId]
			: Object.keys(RELATIONSHIPS)
					.map(Number)
					.filter((a) => RELATIONSHIPS[a].includes(accountId));
	// Validation happens 5 days after the sale: look that far back.
	const firstDay = Math.floor((from - EPOCH) / DAY_MS) - (dateType === 'transaction' ? 0 : 6);
	const lastDay = Math.floor((to - EPOCH) / DAY_MS);
	const found: RawTransaction[] = [];
	const consider = (t: RawTransaction) => {
		const at = dateOf(t, dateType);
		if (at === null || at < from || at > to) return;
		if ((accountType === 'advertiser' ? t.advertiserId : t.publisherId) !== accountId) return;
		found.push(t);
	};
	for (let day = Math.max(0, firstDay); day <= lastDay; day++) {
		for (const advertiserId of advertisers) {
			for (const t of transactionsOfDay(advertiserId, day)) {
				if (changes?.overrides.has(t.id)) continue;
				if (changes?.quietAfter !== undefined && t.transactionTime > changes.quietAfter) continue;
				consider(t);
			}
		}
	}
	if (!changes) return found;
	// A changed transaction may now be validated long after its sale: consider each one.
	for (const t of [...changes.overrides.values(), ...changes.added]) consider(t);
	return found.sort((a, b) => a.transactionTime - b.transactionTime || a.id - b.id);
}

/**
 * Hooks for tests that poll: make the shop quiet, change a transaction's status or amounts, add a
 * transaction. Each sandbox has its own changes; the next answer reflects them.
 */
export function sandboxTransactions(sandbox: AwinSandbox) {
	const changes = changesFor(sandbox);
	const current = (id: number): RawTransaction => {
		const t =
			changes.added.find((a) => a.id === id) ?? changes.overrides.get(id) ?? transactionById(id);
		if (!t) throw new Error(`The sandbox has no transaction ${id}`);
		return t;
	};
	const replace = (t: RawTransaction) => {
		const index = changes.added.findIndex((a) => a.id === t.id);
		if (index >= 0) changes.added[index] = t;
		else changes.overrides.set(t.id, t);
		return t;
	};
	return {
		changes,
		/** From now on (or `at`), no generated sale happens any more. */
		quiet(at = Date.now()) {
			changes.quietAfter = at;
		},
		/** Approve, decline... a transaction; approval and decline date it `at` (validation date). */
		setStatus(id: number, status: RawTransaction['status'], at = Date.now()) {
			const t = current(id);
			at = wholeSecond(at);
			const validated = status === 'approved' || status === 'declined';
			return replace({
				...t,
				status,
				validationTime: validated ? at : status === 'pending' ? null : t.validationTime,
				paid: false,
			});
		},
		/** Amends the sale amount (commission 8 % unless given), as Awin shows an amended transaction. */
		amend(id: number, sale: number, commission = round2(sale * 0.08)) {
			const t = current(id);
			return replace({
				...t,
				amended: true,
				sale,
				commission,
				parts: [{ code: 'DEFAULT', amount: sale, commission }],
			});
		},
		/** A new sale, e.g. one Awin registers late with an older transaction date. */
		add(fields: {
			advertiserId: number;
			publisherId: number;
			at: number;
			status?: RawTransaction['status'];
			sale?: number;
		}) {
			const sale = fields.sale ?? 50;
			fields = { ...fields, at: wholeSecond(fields.at) };
			const t: RawTransaction = {
				// 99,000,000 and up: outside the generator's ids (advertiser 10009 has no transactions).
				id: 99_000_000 + changes.added.length,
				advertiserId: fields.advertiserId,
				publisherId: fields.publisherId,
				status: fields.status ?? 'pending',
				transactionTime: fields.at,
				clickTime: fields.at - 3_600_000,
				validationTime:
					fields.status === 'approved' || fields.status === 'declined' ? fields.at : null,
				amended: false,
				sale,
				commission: round2(sale * 0.08),
				currency: ADVERTISER_INFO[fields.advertiserId]?.currency ?? 'GBP',
				clickRefs: {},
				customParameters: [],
				parts: [{ code: 'DEFAULT', amount: sale, commission: round2(sale * 0.08) }],
				voucherCode: null,
				device: 'Desktop',
				country: ADVERTISER_INFO[fields.advertiserId]?.region ?? 'GB',
				paid: false,
			};
			changes.added.push(t);
			return t;
		},
		/** What the sandbox serves now, for a test's expectations. */
		between(
			accountType: 'advertiser' | 'publisher',
			accountId: number,
			from: number,
			to: number,
			dateType: DateType = 'transaction',
		) {
			return transactionsBetween(accountType, accountId, from, to, dateType, changes);
		},
	};
}

const money = (amount: number, currency: string) => ({ amount, currency });

/** A transaction in Awin's shape, its dates shown in `timezone` without offset. */
export function awinTransaction(
	t: RawTransaction,
	timezone: string,
	basket: boolean,
): Record<string, unknown> {
	const show = (ms: number | null) =>
		ms === null ? null : DateTime.fromMillis(ms, { zone: timezone }).toFormat(DATETIME);
	return {
		id: t.id,
		url: `https://shop${t.advertiserId}.example/checkout`,
		advertiserId: t.advertiserId,
		publisherId: t.publisherId,
		siteName: PUBLISHER_NAMES[t.publisherId],
		commissionStatus: t.status,
		commissionAmount: money(t.commission, t.currency),
		saleAmount: money(t.sale, t.currency),
		ipHash: `${t.id % 9973}`,
		customerCountry: t.country,
		clickRefs: Object.keys(t.clickRefs).length > 0 ? t.clickRefs : null,
		clickDate: show(t.clickTime),
		transactionDate: show(t.transactionTime),
		validationDate: show(t.validationTime),
		type: 'Commission group transaction',
		declineReason: t.status === 'declined' ? 'Order cancelled by customer' : null,
		voucherCodeUsed: t.voucherCode !== null,
		voucherCode: t.voucherCode,
		lapseTime: Math.round((t.transactionTime - t.clickTime) / 1000),
		amended: t.amended,
		amendReason: t.amended ? 'Partial return' : null,
		oldSaleAmount: t.amended ? money(round2(t.sale * 1.2), t.currency) : null,
		oldCommissionAmount: t.amended ? money(round2(t.commission * 1.2), t.currency) : null,
		clickDevice: t.device,
		transactionDevice: t.device,
		publisherUrl: `https://publisher${t.publisherId}.example`,
		advertiserCountry: t.country,
		orderRef: t.orderRef ?? `ORD-${t.id}`,
		customParameters: t.customParameters,
		transactionParts: t.parts.map((p, i) => ({
			commissionGroupId: 100 + i,
			amount: p.amount,
			commissionAmount: p.commission,
			commissionGroupCode: p.code,
			commissionGroupName: p.code === 'DEFAULT' ? 'Default' : 'Sale items',
		})),
		paidToPublisher: t.paid,
		paymentId: t.paid ? 7000 + (t.id % 100) : 0,
		transactionQueryId: 0,
		// Fields reconciliation reads: Awin's fee and the advertiser's total cost as money,
		// the customer type, the click's campaign and the tracked parts.
		networkFee: money(round2(t.commission * 0.3), t.currency),
		advertiserCost: money(round2(t.commission * 1.3), t.currency),
		customerAcquisition: t.id % 2 === 0 ? 'NEW' : 'RETURNING',
		campaign: t.publisherId === 30001 ? 'Spring Sale' : null,
		trackedParts: t.parts.map((p) => ({
			commissionGroupCode: p.code,
			amount: p.amount,
			currency: t.currency,
		})),
		...(basket
			? {
					basketProducts: [
						{
							productId: `P${t.id % 1000}`,
							productName: 'Sneakers',
							unitPrice: t.sale,
							quantity: 1,
							commissionGroupCode: 'DEFAULT',
						},
					],
				}
			: {}),
	};
}

export const bad = (error: string, description: string, status = 400): SandboxResponse => ({
	status,
	body: { error, description },
});

/** The path's account, when the sandbox user may see it; else Awin's 403. */
export function accountOf(
	request: SandboxRequest,
	type: 'advertiser' | 'publisher',
): number | SandboxResponse {
	const id = Number(request.params.accountId);
	if (!SANDBOX_ACCOUNTS.some((a) => a.accountId === id && a.accountType === type)) {
		return bad('forbidden', `The user has no access to ${type} ${request.params.accountId}`, 403);
	}
	return id;
}

/** The partners an account has a relationship with. */
export function partnersOf(type: 'advertiser' | 'publisher', accountId: number): number[] {
	return type === 'advertiser'
		? (RELATIONSHIPS[accountId] ?? [])
		: Object.keys(RELATIONSHIPS)
				.map(Number)
				.filter((a) => RELATIONSHIPS[a].includes(accountId));
}

/** A comma list of partner ids, each with a relationship; else Awin-like 400s. */
export function partnerFilter(
	value: string | undefined,
	name: string,
	type: 'advertiser' | 'publisher',
	accountId: number,
): number[] | undefined | SandboxResponse {
	if (value === undefined || value === '') return undefined;
	const ids = value.split(',').map((s) => s.trim());
	const partners = partnersOf(type, accountId);
	for (const id of ids) {
		if (!/^\d+$/.test(id)) return bad('invalid.parameter', `Invalid ${name} '${id}'`);
		if (!partners.includes(Number(id))) {
			return bad(
				'no.relationship',
				type === 'advertiser'
					? `Advertiser ${accountId} has no relationship with publisher ${id}`
					: `Publisher ${accountId} has no relationship with advertiser ${id}`,
			);
		}
	}
	return ids.map(Number);
}

/** Awin's checks of startDate and endDate (yyyy-MM-ddTHH:mm:ss, at most `maxDays` apart), else undefined. */
export function dateRangeProblem(
	q: Record<string, string>,
	maxDays: number,
): SandboxResponse | undefined {
	for (const name of ['startDate', 'endDate']) {
		if (!q[name]) return bad('missing.parameter', `Required parameter '${name}' is missing`);
		if (!DateTime.fromFormat(q[name], DATETIME, { zone: 'UTC' }).isValid) {
			return bad('invalid.parameter', `Invalid ${name} '${q[name]}', expected yyyy-MM-ddTHH:mm:ss`);
		}
	}
	// Awin counts the span on the dates as written (wall clock), not in absolute time.
	const wallStart = DateTime.fromFormat(q.startDate, DATETIME, { zone: 'UTC' });
	const wallEnd = DateTime.fromFormat(q.endDate, DATETIME, { zone: 'UTC' });
	if (wallEnd < wallStart) return bad('invalid.date.range', 'endDate must not be before startDate');
	if (wallEnd.diff(wallStart).as('days') > maxDays) {
		return bad(
			'invalid.date.range',
			`The date range between startDate and endDate must not exceed ${maxDays} days`,
		);
	}
	return undefined;
}

function handle(type: 'advertiser' | 'publisher', sandbox: AwinSandbox) {
	return (request: SandboxRequest): SandboxResponse => {
		const changes = changesOf.get(sandbox);
		const accountId = accountOf(request, type);
		if (typeof accountId !== 'number') return accountId;
		const q = request.query;

		const timezone = q.timezone;
		if (!timezone) return bad('missing.parameter', "Required parameter 'timezone' is missing");
		if (!TIMEZONES.includes(timezone))
			return bad('invalid.parameter', `Unknown timezone '${timezone}'`);
		const basket = q.showBasketProducts === 'true';

		if (q.ids !== undefined) {
			const ids = q.ids.split(',').map((s) => s.trim());
			if (ids.some((id) => !/^\d+$/.test(id)))
				return bad('invalid.parameter', `Invalid ids '${q.ids}'`);
			const found = ids
				.map(
					(id) =>
						changes?.added.find((t) => t.id === Number(id)) ??
						changes?.overrides.get(Number(id)) ??
						transactionById(Number(id)),
				)
				.filter(
					(t): t is RawTransaction =>
						!!t && (type === 'advertiser' ? t.advertiserId : t.publisherId) === accountId,
				);
			return { status: 200, body: found.map((t) => awinTransaction(t, timezone, basket)) };
		}

		const rangeProblem = dateRangeProblem(q, MAX_WINDOW_DAYS.transactions);
		if (rangeProblem) return rangeProblem;

		const dateType = (q.dateType ?? 'transaction') as DateType;
		if (
			!['transaction', 'validation', ...(type === 'advertiser' ? ['amendment'] : [])].includes(
				dateType,
			)
		) {
			return bad('invalid.parameter', `Unknown dateType '${q.dateType}' for ${type}s`);
		}
		const status = q.status;
		if (status !== undefined && !['pending', 'approved', 'declined', 'deleted'].includes(status)) {
			return bad('invalid.parameter', `Unknown status '${status}'`);
		}
		const partnerName = type === 'advertiser' ? 'publisherId' : 'advertiserId';
		const partners = partnerFilter(q[partnerName], partnerName, type, accountId);
		if (partners !== undefined && !Array.isArray(partners)) return partners;

		const from = DateTime.fromFormat(q.startDate, DATETIME, { zone: timezone }).toMillis();
		const to = DateTime.fromFormat(q.endDate, DATETIME, { zone: timezone }).toMillis();
		const rows = transactionsBetween(type, accountId, from, to, dateType, changes)
			.filter((t) => !status || t.status === status)
			.filter(
				(t) =>
					!partners || partners.includes(type === 'advertiser' ? t.publisherId : t.advertiserId),
			);
		return { status: 200, body: rows.map((t) => awinTransaction(t, timezone, basket)) };
	};
}

export const transactionRoutes: RouteFactory = (sandbox) => [
	{
		method: 'GET',
		path: '/advertisers/:accountId/transactions/',
		auth: 'bearer',
		quota: 'bearer',
		handle: handle('advertiser', sandbox),
	},
	{
		method: 'GET',
		path: '/publishers/:accountId/transactions/',
		auth: 'bearer',
		quota: 'bearer',
		handle: handle('publisher', sandbox),
	},
];

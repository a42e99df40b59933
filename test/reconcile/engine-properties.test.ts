/**
 * The matching engine (dist/.../reconcile) with fast-check: whatever the orders and Awin's
 * transactions, every order and every transaction lands in exactly one output, the sums per
 * output and currency add up to the input's to the cent, and a repeated reference is its own
 * reason. The node's own runs through n8n are in reconcile.test.ts.
 */
import fc from 'fast-check';

import { reconcile } from '../../dist/nodes/Awin/actions/transaction/reconcile/classify.js';
import {
	fromMinor,
	minorDigits,
	toMinor,
} from '../../dist/nodes/Awin/actions/transaction/reconcile/money.js';
import { referenceKey } from '../../dist/nodes/Awin/actions/transaction/reconcile/references.js';
import { DateReader } from '../../dist/nodes/shared/dates.js';
import { readSales } from '../../dist/nodes/Awin/actions/transaction/reconcile/sales.js';
import {
	OUTPUTS,
	SHOP_STATUSES,
	ShopOrders,
} from '../../dist/nodes/Awin/actions/transaction/reconcile/types.js';
import type {
	AwinSales,
	ReconcileSettings,
	ShopStatus,
} from '../../nodes/Awin/actions/transaction/reconcile/types.ts';

const RULE = { ignoreCase: true, ignoreLeadingHash: true, prefix: 'SHOP-' };
/** The matching rule as docs/reconcile.md states it, on text alone: the tests' own oracle. */
function textKey(reference: string, rule: typeof RULE): string {
	let key = reference.trim();
	if (rule.ignoreLeadingHash && key.startsWith('#')) key = key.slice(1).trimStart();
	if (rule.prefix) {
		const prefix = rule.ignoreCase ? rule.prefix.toLowerCase() : rule.prefix;
		const head = key.slice(0, prefix.length);
		if ((rule.ignoreCase ? head.toLowerCase() : head) === prefix) key = key.slice(prefix.length);
	}
	return rule.ignoreCase ? key.toLowerCase() : key;
}

const NOW = Date.UTC(2026, 0, 31);
const DAY = 86_400_000;

const settings = (tolerance: number): ReconcileSettings => ({
	tolerance,
	declineReason: 'Refunded',
	amendReason: 'Partial refund',
	maxResendDays: 30,
	channel: 'aw',
	sendTransactionTime: false,
	now: NOW,
	timezone: 'UTC',
	firstOrder: '2026-01-05T00:00:00',
	lastOrder: '2026-01-25T23:59:59',
});

// Few references and currencies, so that matches, duplicates and currency clashes are common.
// Order numbers alone, with and without a leading zero, are matched as numbers (referenceKey).
const reference = fc
	.tuple(
		fc.constantFrom('', '#', '# ', 'shop-', 'SHOP-', '#SHOP-'),
		fc.integer({ min: 1, max: 12 }),
		fc.constantFrom('A', 'a', '', '0', '000000000000000'),
	)
	.map(([head, n, body]) => `${head}${body}${n}`);
const currency = fc.constantFrom('GBP', 'EUR', 'JPY');
const status = fc.constantFrom('paid', 'refunded', 'partiallyRefunded', 'cancelled');
const awinStatus = fc.constantFrom('pending', 'approved', 'declined', 'deleted');
const minor = fc.integer({ min: 0, max: 5_000_00 });

const order = fc.record({
	reference,
	currency,
	status,
	amount: minor,
	refunded: fc.integer({ min: 0, max: 2_000_00 }),
	age: fc.integer({ min: 0, max: 60 }),
	attributed: fc.boolean(),
});
const sale = fc.record({
	reference: fc.option(reference, { nil: '' }),
	currency,
	status: awinStatus,
	amount: minor,
	day: fc.integer({ min: 1, max: 30 }),
});

type RawOrder = typeof order extends fc.Arbitrary<infer T> ? T : never;
type RawSale = typeof sale extends fc.Arbitrary<infer T> ? T : never;

function toOrders(raw: RawOrder[]): ShopOrders {
	const orders = new ShopOrders(raw.length);
	raw.forEach((o, itemIndex) => {
		const at = orders.length++;
		orders.itemIndex[at] = itemIndex;
		orders.reference[at] = o.reference;
		orders.key[at] = referenceKey(o.reference, RULE);
		orders.currency[at] = o.currency;
		orders.digits[at] = minorDigits(o.currency);
		orders.amount[at] = o.amount;
		orders.refunded[at] = o.refunded;
		orders.status[at] = SHOP_STATUSES.indexOf(o.status as ShopStatus);
		orders.date[at] = NOW - o.age * DAY;
		orders.givenDate[at] = new Date(NOW - o.age * DAY).toISOString();
		if (o.attributed) orders.attribution.set(at, { awc: '1001_1_x' });
	});
	return orders;
}

/** Awin's rows as the transactions endpoint gives them, read as the node reads them. */
function toSales(raw: RawSale[]): AwinSales {
	const rows = raw.map((s, i) => ({
		id: 9000 + i,
		orderRef: s.reference,
		commissionStatus: s.status,
		saleAmount: { amount: fromMinor(s.amount, minorDigits(s.currency)), currency: s.currency },
		transactionDate: `2026-01-${String(s.day).padStart(2, '0')}T12:00:00`,
	}));
	return readSales(rows, RULE);
}

type Totals = Record<
	string,
	{ orders: number; shopAmount: number; transactions: number; awinAmount: number }
>;

describe('Reconcile engine, any orders against any transactions', () => {
	test('every order and transaction in exactly one output; sums per currency to the cent', () => {
		fc.assert(
			fc.property(
				fc.array(order, { maxLength: 40 }),
				fc.array(sale, { maxLength: 40 }),
				fc.constantFrom(0, 0.01, 0.05, 1, 5),
				(rawOrders, rawSales, tolerance) => {
					const orders = toOrders(rawOrders);
					const sales = toSales(rawSales);
					const { outputs, tally } = reconcile(orders, sales, settings(tolerance));
					const orderSeen = new Map<number, number>();
					const saleSeen = new Map<unknown, number>();
					outputs.forEach((items, output) => {
						for (const item of items) {
							expect(item.pairedItem).toBeDefined();
							expect(item.json.outcome).toBe(OUTPUTS[output].key);
							expect(item.json.explanation).toEqual(expect.stringMatching(/^[A-Z]/));
							if (item.json.shopStatus !== undefined) {
								const index = (item.pairedItem as { item: number }).item;
								orderSeen.set(index, (orderSeen.get(index) ?? 0) + 1);
							}
							if (item.json.transactionId !== undefined) {
								saleSeen.set(
									item.json.transactionId,
									(saleSeen.get(item.json.transactionId) ?? 0) + 1,
								);
							}
						}
					});
					expect([...orderSeen.keys()].sort((a, b) => a - b)).toEqual(rawOrders.map((_, i) => i));
					expect([...orderSeen.values()].every((n) => n === 1)).toBe(true);
					expect([...saleSeen.keys()].sort()).toEqual(rawSales.map((_, i) => 9000 + i).sort());
					expect([...saleSeen.values()].every((n) => n === 1)).toBe(true);

					// The summary's sums, per currency over all outputs, equal the input's.
					const report = tally.report() as Record<string, { items: number; currencies: Totals }>;
					for (const cur of ['GBP', 'EUR', 'JPY']) {
						const digits = minorDigits(cur);
						const sum = (of: (t: Totals[string]) => number) =>
							Object.values(report).reduce(
								(total, out) =>
									total +
									Math.round(
										of(
											out.currencies[cur] ?? {
												orders: 0,
												shopAmount: 0,
												transactions: 0,
												awinAmount: 0,
											},
										) *
											10 ** digits,
									),
								0,
							);
						const ofCurrency = <T extends { currency: string }>(list: T[]) =>
							list.filter((x) => x.currency === cur);
						expect(sum((t) => t.shopAmount)).toBe(
							ofCurrency(rawOrders).reduce((t, o) => t + o.amount, 0),
						);
						expect(sum((t) => t.awinAmount)).toBe(
							ofCurrency(rawSales).reduce((t, s) => t + s.amount, 0),
						);
						expect(sum((t) => t.orders)).toBe(ofCurrency(rawOrders).length * 10 ** digits);
					}
					const items = Object.values(report).reduce((t, out) => t + out.items, 0);
					expect(items).toBe(outputs.reduce((t, list) => t + list.length, 0));
				},
			),
			{ numRuns: 2_000 },
		);
	});

	test('a reference twice in the shop or twice at Awin is its own reason, never merged', () => {
		fc.assert(
			fc.property(
				fc.array(order, { maxLength: 30 }),
				fc.array(sale, { maxLength: 30 }),
				(rawOrders, rawSales) => {
					const orders = toOrders(rawOrders);
					const sales = toSales(rawSales);
					const { outputs } = reconcile(orders, sales, settings(0));
					const all = outputs.flat();
					const orderKeys = new Map<string, number>();
					const count = (keys: Map<string, number>, key: string) =>
						keys.set(key, (keys.get(key) ?? 0) + 1);
					for (const o of rawOrders) count(orderKeys, textKey(o.reference, RULE));
					const saleKeys = new Map<string, number>();
					for (const s of rawSales) if (s.reference) count(saleKeys, textKey(s.reference, RULE));
					const shopDuplicates = all.filter((i) => i.json.reason === 'duplicateInShop').length;
					const awinDuplicates = all.filter((i) => i.json.reason === 'duplicateAtAwin').length;
					expect(shopDuplicates).toBe([...orderKeys.values()].reduce((t, n) => t + n - 1, 0));
					expect(awinDuplicates).toBe([...saleKeys.values()].reduce((t, n) => t + n - 1, 0));
				},
			),
			{ numRuns: 1_000 },
		);
	});
});

describe('money is read once, rounded half away from zero on the decimal as written', () => {
	test.each([
		['19.995', 2, 2000],
		[19.995, 2, 2000],
		['19.994', 2, 1999],
		[0.1 + 0.2, 2, 30],
		['1234', 0, 1234],
		['12.5', 0, 13],
		['1.2345', 3, 1235],
		['-2.005', 2, -201],
		['1,234.50', 2, undefined],
		['1e3', 2, undefined],
		['', 2, undefined],
	])('%p with %i decimals is %p minor units', (value, digits, expected) => {
		expect(toMinor(value, digits)).toBe(expected);
	});

	test('a number is rounded as its text is, whatever the number', () => {
		const plain = fc
			.oneof(
				fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e10, max: 1e10 }),
				fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000),
				fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100 + 0.005),
			)
			.filter((x) => x === 0 || (Math.abs(x) >= 1e-6 && !String(x).includes('e')));
		fc.assert(
			fc.property(plain, fc.constantFrom(0, 2, 3), (x, digits) => {
				expect(toMinor(x, digits)).toBe(toMinor(String(x), digits));
			}),
			{ numRuns: 20_000 },
		);
	});

	test('currencies have their own decimals; minor units convert back exactly', () => {
		expect([minorDigits('GBP'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => toMinor(fromMinor(n, 2), 2) === n),
		);
	});
});

describe('an order date with an offset is read as Date.parse reads it, except a day the month lacks', () => {
	const two = (n: number) => String(n).padStart(2, '0');
	const dateTime = fc
		.record({
			year: fc.integer({ min: 1970, max: 2100 }),
			month: fc.integer({ min: 1, max: 12 }),
			day: fc.integer({ min: 1, max: 31 }),
			hour: fc.integer({ min: 0, max: 23 }),
			minute: fc.integer({ min: 0, max: 59 }),
			second: fc.option(fc.integer({ min: 0, max: 59 })),
			fraction: fc.option(fc.stringMatching(/^\d{1,6}$/)),
			zone: fc.oneof(
				fc.constant('Z'),
				fc
					.tuple(
						fc.constantFrom('+', '-'),
						fc.integer({ min: 0, max: 23 }),
						fc.integer({ min: 0, max: 59 }),
						fc.boolean(),
					)
					.map(([sign, h, m, colon]) => `${sign}${two(h)}${colon ? ':' : ''}${two(m)}`),
			),
		})
		.map((d) => {
			const seconds =
				d.second === null ? '' : `:${two(d.second)}${d.fraction === null ? '' : `.${d.fraction}`}`;
			const text = `${d.year}-${two(d.month)}-${two(d.day)}T${two(d.hour)}:${two(d.minute)}${seconds}${d.zone}`;
			const lastDay = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
			return { text, real: d.day <= lastDay };
		});

	test('any such date, in any timezone setting', () => {
		const readers = ['UTC', 'Europe/London', 'America/New_York'].map(
			(zone) => new DateReader(zone),
		);
		fc.assert(
			fc.property(dateTime, ({ text, real }) => {
				for (const reader of readers) {
					expect(reader.read(text)).toBe(real ? Date.parse(text) : undefined);
				}
			}),
			{ numRuns: 20_000 },
		);
	});
});

describe('references are matched as the rule says, whatever they are', () => {
	const rule = fc.record({
		ignoreCase: fc.boolean(),
		ignoreLeadingHash: fc.boolean(),
		prefix: fc.constantFrom('', 'SHOP-', 'shop-', '1', '0', '#'),
	});
	const anyReference = fc.oneof(
		reference,
		fc.stringMatching(/^[# ]{0,2}(SHOP-|shop-)?0?\d{1,17}[a ]?$/),
		fc.string({ maxLength: 8 }),
	);

	test('two references match exactly when their normalised texts are equal; none is lost', () => {
		fc.assert(
			fc.property(anyReference, anyReference, rule, (a, b, r) => {
				expect(referenceKey(a, r) === referenceKey(b, r)).toBe(textKey(a, r) === textKey(b, r));
				expect(referenceKey(a, r) === '').toBe(textKey(a, r) === '');
			}),
			{ numRuns: 50_000 },
		);
	});
});

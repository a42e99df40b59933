/**
 * Transaction > Reconcile through n8n's engine against the sandbox: a shop with every case
 * planted (test/sandbox/shop.ts) lands output by output as planted, with the items Validate and
 * Create Orders take; nothing is sent; every order and transaction comes out once, paired.
 */
import { DateTime } from 'luxon';

import { sandboxTransactions } from '../sandbox/routes/transactions.ts';
import { plantShop } from '../sandbox/shop.ts';
import { byOutput, counted, reconcileRun, useSandbox } from './setup.ts';

const DAY = 86_400_000;
const env = useSandbox();

describe('Transaction > Reconcile, a planted shop', () => {
	test('each order and transaction lands in the output planted, with its reason', async () => {
		const { sandbox } = env;
		const start = Date.now() - 60 * DAY;
		const shop = plantShop(sandbox, { start, days: 58, cases: 25 * 12 });
		const run = await reconcileRun(sandbox, shop.orders);
		expect(run.status).toBe('success');
		const outputs = byOutput(run);
		const { perOutput, perReason } = counted(outputs);
		expect(perOutput).toEqual(shop.outputs);
		expect(perReason).toEqual(shop.reasons);

		// Only reads were sent: 58 days and 3 days of margin on both sides are 3 windows.
		expect(sandbox.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
		const calls = sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/?$/);
		expect(calls).toHaveLength(3);
		expect(
			calls.every(
				(c) => c.query.timezone === 'Europe/London' && c.query.dateType === 'transaction',
			),
		).toBe(true);

		// Every item is paired; the orders' items with their own order.
		for (const [key, items] of Object.entries(outputs)) {
			for (const item of items) {
				expect(item.pairedItem).toEqual({ item: expect.any(Number) });
				if (key !== 'summary' && item.json.shopStatus !== undefined) {
					const order = shop.orders[(item.pairedItem as { item: number }).item];
					expect(item.json.orderReference).toBe(order.orderReference);
				}
			}
		}
	});

	test('Decline, Amend ready for Validate; Missing in Awin for Create Orders', async () => {
		const { sandbox } = env;
		const shop = plantShop(sandbox, { start: Date.now() - 20 * DAY, days: 19, cases: 25 });
		const outputs = byOutput(
			await reconcileRun(sandbox, shop.orders, { options: { declineReason: 'Returned' } }),
		);
		const refunded = outputs.decline.find((i) => i.json.reason === 'refunded');
		expect(refunded?.json.validation).toEqual({
			action: 'decline',
			transaction: { transactionId: refunded?.json.transactionId, declineReason: 'Returned' },
		});
		const partial = outputs.amend.find((i) => i.json.reason === 'partialRefund');
		expect(partial?.json.validation).toEqual({
			action: 'amend',
			transaction: {
				transactionId: partial?.json.transactionId,
				amendReason: 'Partial refund or changed amount in the shop',
				currency: 'GBP',
				saleAmount: Math.round(((partial?.json.shopAmount as number) - 10) * 100) / 100,
			},
		});
		const resend = outputs.missingInAwin.find((i) => i.json.reason === 'resend');
		const order = shop.orders[(resend?.pairedItem as { item: number }).item];
		expect(resend?.json.conversionOrder).toEqual({
			orderReference: order.orderReference,
			amount: Number(order.amount),
			channel: 'aw',
			currency: 'GBP',
			commissionGroups: [{ code: 'DEFAULT', amount: Number(order.amount) }],
			awc: order.awc,
		});
		const unattributed = outputs.missingInAwin.find((i) => i.json.reason === 'noAttribution');
		expect(unattributed?.json.conversionOrder).toBeUndefined();
		expect(unattributed?.json.explanation).toMatch(/no awc, voucher or publisher/);
	});

	test('the summary: counts and sums per output and currency, to the cent', async () => {
		const { sandbox } = env;
		const shop = plantShop(sandbox, { start: Date.now() - 40 * DAY, days: 39, cases: 25 * 4 });
		const outputs = byOutput(await reconcileRun(sandbox, shop.orders));
		expect(outputs.summary).toHaveLength(1);
		const summary = outputs.summary[0].json as Record<string, any>;
		expect(summary).toMatchObject({
			outcome: 'summary',
			advertiserId: '10001',
			timezone: 'Europe/London',
			awinCalls: 2,
			orders: shop.orders.length,
			transactions: shop.transactions,
		});
		const cents = (n: number) => Math.round(n * 100);
		for (const currency of ['GBP', 'USD']) {
			const given = shop.orders
				.filter((o) => o.currency === currency)
				.reduce((t, o) => t + cents(Number(o.amount)), 0);
			const summed = Object.values(summary.outputs).reduce(
				(t: number, out: any) => t + cents(out.currencies[currency]?.shopAmount ?? 0),
				0,
			);
			expect(summed).toBe(given);
		}
		for (const key of [
			'matched',
			'missingInAwin',
			'decline',
			'amend',
			'declinedAtAwin',
			'inAwinOnly',
		]) {
			expect(summary.outputs[key].items).toBe(outputs[key].length);
		}
		// USD orders against GBP transactions: never added together.
		expect(summary.outputs.matched.currencies.USD).toMatchObject({ orders: 4, transactions: 0 });
		const { GBP, USD } = summary.outputs.matched.currencies;
		expect(GBP.transactions).toBe(GBP.orders + USD.orders);
	});
});

describe('Transaction > Reconcile, edges', () => {
	test("a partial refund in a currency Awin does not use: amended in the shop's", async () => {
		const { sandbox } = env;
		const shop = plantShop(sandbox, { start: Date.now() - 5 * DAY, days: 1, cases: 1 });
		const orders = [
			{ ...shop.orders[0], currency: 'USD', status: 'partially_refunded', refundedAmount: '1.005' },
		];
		const outputs = byOutput(await reconcileRun(sandbox, orders));
		expect(outputs.amend).toHaveLength(1);
		const amend = outputs.amend[0].json;
		expect(amend).toMatchObject({
			reason: 'partialRefund',
			currency: 'USD',
			awinCurrency: 'GBP',
			difference: null,
		});
		// 1.005 is rounded once, half away from zero, to 1.01.
		expect((amend.validation as any).transaction).toMatchObject({
			currency: 'USD',
			saleAmount: Math.round((Number(orders[0].amount) - 1.01) * 100) / 100,
		});
	});

	test('time zones at window borders: offsets converted, windows contiguous', async () => {
		const { sandbox } = env;
		// Orders at 23:30 in Berlin (22:30 in London, before the clocks change on 29 March).
		const first = DateTime.fromISO('2026-03-27T23:30:00', { zone: 'Europe/Berlin' });
		const orders = [0, 40].map((days, n) => ({
			orderReference: `#TZ${n}`,
			amount: '20.00',
			currency: 'GBP',
			orderDate: first.plus({ days }).toISO(),
			status: 'paid',
		}));
		const store = sandboxTransactions(sandbox);
		store.quiet(0);
		const add = (at: DateTime, orderRef: string) => {
			const t = store.add({ advertiserId: 10001, publisherId: 20001, at: at.toMillis(), sale: 20 });
			t.orderRef = orderRef;
		};
		// The read starts 3 days (the margin) before the first order, in London time: a sale at
		// that very second is read, one a second earlier is not.
		const readStart = DateTime.fromISO('2026-03-24T22:30:00', { zone: 'Europe/London' });
		add(readStart, 'TZ0');
		add(readStart.minus({ seconds: 1 }), 'EARLY');
		await reconcileRun(sandbox, orders);
		const calls = sandbox.requestsTo(/transactions/).map((c) => c.query);
		expect(calls[0].startDate).toBe('2026-03-24T22:30:00');
		for (let i = 1; i < calls.length; i++) {
			const gap = DateTime.fromISO(calls[i].startDate).diff(DateTime.fromISO(calls[i - 1].endDate));
			expect(gap.as('seconds')).toBe(1);
		}
		// A sale at the last second of the first window is read once, by that window.
		add(DateTime.fromISO(calls[0].endDate, { zone: 'Europe/London' }), 'TZ1');
		sandbox.reset();
		const outputs = byOutput(await reconcileRun(sandbox, orders));
		expect(outputs.matched.map((i) => i.json.orderReference).sort()).toEqual(['#TZ0', '#TZ1']);
		expect(outputs.inAwinOnly).toEqual([]);
		expect(outputs.summary[0].json.transactions).toBe(2);
	});

	test('Amount Tolerance, in the order currency: 5.00 apart is equal at 5, different at 4.99', async () => {
		const { sandbox } = env;
		// The first 16 planted cases end with one whose shop amount is the Awin amount plus 5.00.
		const shop = plantShop(sandbox, { start: Date.now() - 10 * DAY, days: 5, cases: 16 });
		const loose = byOutput(await reconcileRun(sandbox, shop.orders, { options: { tolerance: 5 } }));
		expect(loose.amend.map((i) => i.json.reason)).toEqual(['partialRefund']);
		const strict = byOutput(
			await reconcileRun(sandbox, shop.orders, { options: { tolerance: 4.99 } }),
		);
		expect(strict.amend.map((i) => i.json.reason).sort()).toEqual([
			'amountDiffers',
			'partialRefund',
		]);
		expect(strict.amend[1].json.difference).toBe(5);
	});

	test('a bad order stops the node before any call, naming item, field and value', async () => {
		const { sandbox } = env;
		const shop = plantShop(sandbox, { start: Date.now() - 5 * DAY, days: 2, cases: 3 });
		const orders = [shop.orders[0], { ...shop.orders[1], amount: '1,234.50' }, shop.orders[2]];
		const run = await reconcileRun(sandbox, orders);
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe(
			'Item 1: "Amount" must be a number of 0 or more with a decimal point, such as 19.99, got ' +
				'"1,234.50"',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Continue On Fail: a bad order is an error item on Summary', async () => {
		const { sandbox } = env;
		const shop = plantShop(sandbox, { start: Date.now() - 5 * DAY, days: 2, cases: 3 });
		const orders = [shop.orders[0], { ...shop.orders[1], status: 'on hold' }, shop.orders[2]];
		const outputs = byOutput(
			await reconcileRun(sandbox, orders, {}, { onError: 'continueRegularOutput' }),
		);
		expect(outputs.matched.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(outputs.summary).toHaveLength(2);
		expect(outputs.summary[1]).toMatchObject({
			pairedItem: { item: 1 },
			json: { error: expect.stringContaining('"Shop Status" must be paid, refunded') },
		});
		expect(outputs.summary[0].json.orders).toBe(2);
	});

	test('references are compared as the options say: case, leading #, a prefix', async () => {
		const { sandbox } = env;
		const store = sandboxTransactions(sandbox);
		store.quiet(0);
		const at = Date.now() - 3 * DAY;
		for (const ref of ['SHOP-a1', 'shop-A2', 'B3'])
			store.add({ advertiserId: 10001, publisherId: 20001, at, sale: 10 }).orderRef = ref;
		const orders = ['#A1', 'a2', '#b3'].map((orderReference) => ({
			orderReference,
			amount: '10',
			currency: 'GBP',
			orderDate: new Date(at).toISOString(),
			status: 'paid',
		}));
		const loose = byOutput(await reconcileRun(sandbox, orders, { options: { prefix: 'shop-' } }));
		expect(loose.matched).toHaveLength(3);
		const strict = byOutput(
			await reconcileRun(sandbox, orders, {
				options: { prefix: 'SHOP-', ignoreCase: false, ignoreLeadingHash: false },
			}),
		);
		expect(strict.matched).toHaveLength(0);
		expect(strict.missingInAwin).toHaveLength(3);
		expect(strict.inAwinOnly).toHaveLength(3);
	});
});

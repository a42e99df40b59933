import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { sandboxTransactions, transactionsBetween } from '../sandbox/routes/transactions.ts';
import { useSandbox } from '../client/support.ts';

const FORMAT = "yyyy-MM-dd'T'HH:mm:ss";
// These tests make many calls; the quota itself is tested in year-pull and pacing.
const QUOTA = { limit: 1_000, windowMs: 60_000 };

const sandbox = useSandbox({ quotas: { bearer: QUOTA } }, { quotas: { bearer: QUOTA } });

const advertiser = {
	accountType: 'advertiser',
	advertiserId: { __rl: true, mode: 'list', value: '10001' },
};
const publisher = {
	accountType: 'publisher',
	publisherId: { __rl: true, mode: 'id', value: '20001' },
};

function getMany(params: INodeParameters, extra = {}) {
	return workflowOf(
		awinNode({ resource: 'transaction', operation: 'getMany', returnAll: true, ...params }, extra),
	);
}

const ms = (text: string, zone: string) => DateTime.fromFormat(text, FORMAT, { zone }).toMillis();

describe('Transaction > Get Many', () => {
	test('publisher side, Berlin time across the DST change: its own path, contiguous windows, its transactions once', async () => {
		const run = await runWorkflow(
			getMany({
				...publisher,
				startDate: '2024-03-10T00:00:00',
				endDate: '2024-04-20T12:00:00',
				timezone: 'Europe/Berlin',
			}),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(run.status).toBe('success');
		const calls = sandbox.requestsTo(/^\/publishers\/20001\/transactions\/?$/);
		expect(calls.map((c) => [c.query.startDate, c.query.endDate])).toEqual([
			['2024-03-10T00:00:00', '2024-04-09T23:59:59'],
			['2024-04-10T00:00:00', '2024-04-20T12:00:00'],
		]);
		expect(calls[0].query).toMatchObject({ timezone: 'Europe/Berlin', dateType: 'transaction' });

		const expected = transactionsBetween(
			'publisher',
			20001,
			ms('2024-03-10T00:00:00', 'Europe/Berlin'),
			ms('2024-04-20T12:00:00', 'Europe/Berlin'),
		).map((t) => t.id);
		const items = run.output('Awin');
		expect(items.map((i) => i.json.id).sort()).toEqual(expected.sort());
		expect(items.every((i) => i.json.publisherId === 20001)).toBe(true);
		// Awin's own field names and nesting, dates shown in the chosen timezone.
		expect(items[0].json).toMatchObject({
			saleAmount: { amount: expect.any(Number), currency: expect.any(String) },
		});
		expect(items[0].json.transactionDate).toMatch(/^2024-03-1\dT\d{2}:\d{2}:\d{2}$/);
	});

	test('filters become Awin query parameters and narrow the rows', async () => {
		const run = await runWorkflow(
			getMany({
				...advertiser,
				startDate: '2024-05-01T00:00:00',
				endDate: '2024-05-10',
				dateType: 'validation',
				filters: { status: 'approved', publisherIds: '20001, 30001', showBasketProducts: true },
			}),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(run.status).toBe('success');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].query).toEqual({
			startDate: '2024-05-01T00:00:00',
			endDate: '2024-05-10T23:59:59',
			timezone: 'UTC',
			dateType: 'validation',
			status: 'approved',
			publisherId: '20001,30001',
			showBasketProducts: 'true',
		});
		const items = run.output('Awin');
		expect(items.length).toBeGreaterThan(0);
		for (const { json } of items) {
			expect(json.commissionStatus).toBe('approved');
			expect([20001, 30001]).toContain(json.publisherId);
			expect(Array.isArray(json.basketProducts)).toBe(true);
		}
	});

	test('Limit returns that many rows and stops asking for further windows', async () => {
		const run = await runWorkflow(
			getMany({
				...advertiser,
				returnAll: false,
				limit: 5,
				startDate: '2024-01-01T00:00:00',
				endDate: '2024-03-31',
			}),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(run.output('Awin')).toHaveLength(5);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('Simplify gives the same flat columns on every row, amounts and currencies apart, click refs flattened', async () => {
		const params = { ...advertiser, startDate: '2024-06-01T00:00:00', endDate: '2024-06-30' };
		const raw = (
			await runWorkflow(getMany(params), { credentials: credentialsFor(sandbox) })
		).output('Awin');
		const flat = (
			await runWorkflow(getMany({ ...params, simplify: true }), {
				credentials: credentialsFor(sandbox),
			})
		).output('Awin');

		expect(flat).toHaveLength(raw.length);
		const columns = Object.keys(flat[0].json);
		expect(columns).toEqual(
			expect.arrayContaining([
				'saleAmount',
				'saleCurrency',
				'commissionAmount',
				'commissionCurrency',
				'clickRef',
				'clickRef6',
			]),
		);
		for (const { json } of flat) {
			expect(Object.keys(json)).toEqual(columns);
			for (const value of Object.values(json))
				expect(value === null || typeof value !== 'object').toBe(true);
		}
		// The sample has rows with and without click refs, custom parameters, amendments.
		expect(raw.some((i) => i.json.clickRefs === null)).toBe(true);
		expect(raw.some((i) => i.json.clickRefs !== null)).toBe(true);
		raw.forEach(({ json }, index) => {
			const row = flat[index].json;
			const clickRefs = (json.clickRefs ?? {}) as Record<string, string>;
			expect(row).toMatchObject({
				id: json.id,
				saleAmount: (json.saleAmount as { amount: number }).amount,
				saleCurrency: (json.saleAmount as { currency: string }).currency,
				commissionAmount: (json.commissionAmount as { amount: number }).amount,
				clickRef: clickRefs.clickRef ?? null,
				clickRef2: clickRefs.clickRef2 ?? null,
			});
		});
	});

	test('End Date before Start Date: an error naming the item, nothing sent', async () => {
		const run = await runWorkflow(
			getMany({ ...advertiser, startDate: '2024-02-10T00:00:00', endDate: '2024-02-01T00:00:00' }),
			{
				credentials: credentialsFor(sandbox),
			},
		);
		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/Item 0: "End Date" must not be before the Start Date/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test("a missing relationship becomes a NodeApiError carrying Awin's reason", async () => {
		const run = await runWorkflow(
			getMany({
				...advertiser,
				startDate: '2024-02-01T00:00:00',
				endDate: '2024-02-02',
				filters: { publisherIds: '99999' },
			}),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(run.status).toBe('error');
		const error = run.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(
			/^Awin rejected the request as invalid \(400\): Advertiser 10001 has no relationship with publisher 99999/,
		);
		expect(run.serialized).not.toContain(credentialsFor(sandbox).awinApi.apiToken);
	});

	test('an account the token cannot see is a 403 NodeApiError', async () => {
		const run = await runWorkflow(
			getMany({
				accountType: 'advertiser',
				advertiserId: { __rl: true, mode: 'id', value: '77777' },
				startDate: '2024-02-01',
				endDate: '2024-02-02',
			}),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(run.nodes.Awin.error?.httpCode).toBe('403');
		expect(run.nodes.Awin.error?.description).toMatch(/no access to advertiser 77777/);
	});

	test('each item runs its own query from expressions; identical queries are fetched once', async () => {
		const run = await runWorkflow(
			getMany({ ...advertiser, startDate: '={{ $json.from }}', endDate: '={{ $json.to }}' }),
			{
				credentials: credentialsFor(sandbox),
				start: {
					node: 'Start',
					items: [
						{ json: { from: '2024-07-01', to: '2024-07-01' } },
						{ json: { from: '2024-07-02', to: '2024-07-02' } },
						{ json: { from: '2024-07-01', to: '2024-07-01' } },
					],
				},
			},
		);
		expect(run.status).toBe('success');
		expect(sandbox.requests.map((r) => r.query.startDate)).toEqual([
			'2024-07-01T00:00:00',
			'2024-07-02T00:00:00',
		]);
		const items = run.output('Awin');
		const byItem = (i: number) =>
			items
				.filter((item) => (item.pairedItem as { item: number }).item === i)
				.map((item) => item.json.id);
		expect(byItem(0).length).toBeGreaterThan(0);
		expect(byItem(2)).toEqual(byItem(0));
		expect(byItem(1)).not.toEqual(byItem(0));
		expect(byItem(1).every((id) => !byItem(0).includes(id))).toBe(true);
	});

	test('with Continue On Fail a bad item becomes one error item and the others still run', async () => {
		const run = await runWorkflow(
			getMany(
				{
					...publisher,
					startDate: '={{ $json.from }}',
					endDate: '2024-08-02',
					dateType: '={{ $json.dateType }}',
				},
				{ onError: 'continueRegularOutput' },
			),
			{
				credentials: credentialsFor(sandbox),
				start: {
					node: 'Start',
					items: [
						{ json: { from: '2024-08-01', dateType: 'transaction' } },
						{ json: { from: '2024-08-01', dateType: 'amendment' } },
						{ json: { from: 'not a date', dateType: 'transaction' } },
					],
				},
			},
		);
		expect(run.status).toBe('success');
		const items = run.output('Awin');
		const errors = items.filter((i) => i.json.error);
		expect(errors.map((e) => e.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(errors[0].json.error).toMatch(
			/^Item 1: "Date Type" must be one of transaction, validation, got "/,
		);
		expect(errors[1].json.error).toMatch(/Item 2: "Start Date" must be a date/);
		expect(
			items
				.filter((i) => !i.json.error)
				.every((i) => (i.pairedItem as { item: number }).item === 0),
		).toBe(true);
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('Transaction > Get Many: each transaction once', () => {
	test('a transaction Awin lists twice, in two windows or twice in one answer, comes out once, as first listed', async () => {
		const store = sandboxTransactions(sandbox);
		const start = Date.UTC(2024, 0, 1);
		store.quiet(0);
		const day = 86_400_000;
		const first = store.add({ advertiserId: 10001, publisherId: 20001, at: start + day, sale: 10 });
		const again = store.add({ advertiserId: 10001, publisherId: 20001, at: start + 40 * day });
		again.id = first.id;
		const other = store.add({ advertiserId: 10001, publisherId: 20001, at: start + 2 * day });
		const twin = store.add({ advertiserId: 10001, publisherId: 20001, at: start + 3 * day });
		twin.id = other.id;
		const run = await runWorkflow(
			getMany({
				...advertiser,
				startDate: '2024-01-01T00:00:00',
				endDate: '2024-02-29T23:59:59',
				timezone: 'UTC',
			}),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(run.status).toBe('success');
		expect(sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/?$/)).toHaveLength(2);
		const items = run.output('Awin');
		expect(items.map((i) => [i.json.id, i.json.transactionDate])).toEqual([
			[first.id, '2024-01-02T00:00:00'],
			[other.id, '2024-01-03T00:00:00'],
		]);
	});
});

describe('sandbox limits (what the node must respect)', () => {
	test('more than 31 days in one call is an Awin-like 400', async () => {
		const response = await fetch(
			`${sandbox.url}/advertisers/10001/transactions/?startDate=2024-01-01T00:00:00&endDate=2024-02-01T00:00:01&timezone=UTC`,
			{ headers: { authorization: `Bearer ${credentialsFor(sandbox).awinApi.apiToken}` } },
		);
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: 'invalid.date.range' });
	});
});

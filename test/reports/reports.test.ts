import type { INodeParameters } from 'n8n-workflow';

import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import { transactionsBetween } from '../sandbox/routes/transactions.ts';

const QUOTA = { limit: 1_000, windowMs: 60_000 };

let sandbox: AwinSandbox;
beforeAll(async () => {
	setLimitsForTests({ quotas: { bearer: QUOTA } });
	sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const advertiser = {
	accountType: 'advertiser',
	advertiserId: { __rl: true, mode: 'list', value: '10001' },
};
const publisher = {
	accountType: 'publisher',
	publisherId: { __rl: true, mode: 'list', value: '20001' },
};

const report = (operation: string, params: INodeParameters, extra = {}) =>
	workflowOf(awinNode({ resource: 'report', operation, returnAll: true, ...params }, extra));
const run = async (operation: string, params: INodeParameters, extra = {}) =>
	await runWorkflow(report(operation, params, extra), { credentials: credentialsFor(sandbox) });

describe('Report > Get Publisher Performance (advertiser)', () => {
	test('sends dates as yyyy-MM-dd, date type and timezone, no region; one item per publisher row', async () => {
		const result = await run('getPublisherPerformance', {
			...advertiser,
			startDate: '2024-01-01T00:00:00',
			endDate: '2024-01-31T00:00:00',
			dateType: 'validation',
			timezone: 'Europe/London',
		});
		expect(result.status).toBe('success');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].path).toBe('/advertisers/10001/reports/publisher');
		expect(sandbox.requests[0].query).toEqual({
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			timezone: 'Europe/London',
			dateType: 'validation',
		});
		const rows = result.output('Awin');
		expect(rows.map((r) => r.json.publisherId)).toEqual([20001, 30001, 30002]);
		expect(rows[0].json).toMatchObject({
			advertiserId: 10001,
			currency: 'GBP',
			totalNo: expect.any(Number),
		});
		expect(rows.every((r) => (r.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('the optional region filter is sent when set', async () => {
		await run('getPublisherPerformance', {
			...advertiser,
			startDate: '2024-01-01',
			endDate: '2024-01-02',
			filters: { region: 'GB' },
		});
		expect(sandbox.requests[0].query).toMatchObject({
			region: 'GB',
			dateType: 'transaction',
			timezone: 'UTC',
		});
	});

	test('a date from an expression keeps its calendar day, whatever its timezone', async () => {
		await run('getPublisherPerformance', {
			...advertiser,
			// 01:00 in Tokyo is the day before in UTC; the report must still be for 5 March.
			startDate: "={{ DateTime.fromISO('2024-03-05T01:00:00', { zone: 'Asia/Tokyo' }) }}",
			endDate: "={{ DateTime.fromISO('2024-03-05T01:00:00', { zone: 'Asia/Tokyo' }).toISO() }}",
		});
		expect(sandbox.requests[0].query).toMatchObject({
			startDate: '2024-03-05',
			endDate: '2024-03-05',
		});
	});

	test('End Date before Start Date stops the item before anything is sent', async () => {
		const result = await run('getPublisherPerformance', {
			...advertiser,
			startDate: '2024-02-02',
			endDate: '2024-02-01',
		});
		expect(result.nodes.Awin.error?.message).toMatch(
			/Item 0: "End Date" must not be before the Start Date/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Report > Get Advertiser Performance (publisher)', () => {
	test('sends the required region; rows per advertiser of that region', async () => {
		const result = await run('getAdvertiserPerformance', {
			...publisher,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			region: 'DE',
		});
		expect(sandbox.requests[0].path).toBe('/publishers/20001/reports/advertiser');
		expect(sandbox.requests[0].query).toEqual({
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			timezone: 'UTC',
			region: 'DE',
			dateType: 'transaction',
		});
		expect(result.output('Awin').map((r) => r.json.advertiserId)).toEqual([10002]);
	});

	test("an unknown region becomes a NodeApiError with Awin's reason", async () => {
		const result = await run('getAdvertiserPerformance', {
			...publisher,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			region: '={{ "XX" }}',
		});
		const error = result.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toMatch(/Unknown region 'XX'/);
	});

	test('an empty region is refused before sending', async () => {
		const result = await run('getAdvertiserPerformance', {
			...publisher,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			region: '={{ "" }}',
		});
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "Region" is required for this report/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Report > Get Creative Performance', () => {
	test.each([
		['advertiser', advertiser, '/advertisers/10001/reports/creative'],
		['publisher', publisher, '/publishers/20001/reports/creative'],
	])(
		'%s side: region and timezone are sent, one item per creative row',
		async (_side, account, path) => {
			const result = await run('getCreativePerformance', {
				...account,
				startDate: '2024-01-01',
				endDate: '2024-01-07',
				region: 'GB',
				timezone: 'Australia/Sydney',
			});
			expect(result.status).toBe('success');
			expect(sandbox.requests[0].path).toBe(path);
			expect(sandbox.requests[0].query).toEqual({
				startDate: '2024-01-01',
				endDate: '2024-01-07',
				timezone: 'Australia/Sydney',
				region: 'GB',
				dateType: 'transaction',
			});
			const rows = result.output('Awin');
			expect(rows.length).toBeGreaterThan(0);
			expect(rows[0].json).toHaveProperty('creativeId');
			expect(rows[0].json).toHaveProperty('tagName');
		},
	);
});

describe('Report > Get Campaign Performance', () => {
	test('two years by day: 400-day windows, contiguous, rows unwrapped from { result }', async () => {
		const result = await run('getCampaignPerformance', {
			...advertiser,
			startDate: '2023-01-01',
			endDate: '2024-12-31',
			interval: 'day',
			filters: { publisherIds: '30001', campaign: 'Spring Sale' },
		});
		expect(result.status).toBe('success');
		const calls = sandbox.requestsTo(/^\/advertisers\/10001\/reports\/campaign$/);
		expect(calls.map((c) => [c.query.startDate, c.query.endDate])).toEqual([
			['2023-01-01', '2024-02-04'],
			['2024-02-05', '2024-12-31'],
		]);
		expect(calls[0].query).toMatchObject({
			interval: 'day',
			publisherIds: '30001',
			campaign: 'Spring Sale',
			timezone: 'UTC',
		});
		const rows = result.output('Awin');
		expect(rows.length).toBeGreaterThan(300);
		// Awin's campaign rows carry the partner's id as text (docs/awin-api.md).
		expect(
			rows.every((r) => r.json.publisherId === '30001' && r.json.campaign === 'Spring Sale'),
		).toBe(true);
		const days = rows.map((r) => r.json.date);
		expect(new Set(days).size).toBe(days.length);
		// Every day with a sale of that publisher, on both sides of the window border, exactly once.
		const expected = transactionsBetween(
			'advertiser',
			10001,
			Date.UTC(2023, 0, 1),
			Date.UTC(2025, 0, 1) - 1,
		)
			.filter((t) => t.publisherId === 30001)
			.map((t) => new Date(t.transactionTime).toISOString().slice(0, 10));
		expect([...days].sort()).toEqual([...new Set(expected)].sort());
	});

	test('by month: windows follow calendar years, so no month is split into two rows', async () => {
		const result = await run('getCampaignPerformance', {
			...advertiser,
			startDate: '2023-03-15',
			endDate: '2024-06-30',
			interval: 'month',
		});
		const calls = sandbox.requestsTo(/reports\/campaign/);
		expect(calls.map((c) => [c.query.startDate, c.query.endDate])).toEqual([
			['2023-03-15', '2024-02-29'],
			['2024-03-01', '2024-06-30'],
		]);
		const keys = result
			.output('Awin')
			.map((r) => `${r.json.date}|${r.json.publisherId}|${r.json.campaign}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys.filter((k) => k.startsWith('2024-02|')).length).toBeGreaterThan(0);
	});

	test('publisher side sends the required region', async () => {
		const result = await run('getCampaignPerformance', {
			...publisher,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			interval: 'year',
			region: 'GB',
		});
		expect(result.status).toBe('success');
		expect(sandbox.requests[0].path).toBe('/publishers/20001/reports/campaign');
		expect(sandbox.requests[0].query).toEqual({
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			timezone: 'UTC',
			region: 'GB',
			interval: 'year',
		});
		expect(result.output('Awin').map((r) => r.json.date)).toEqual(['2024']);
	});

	test('Limit returns that many rows', async () => {
		const result = await run('getCampaignPerformance', {
			...advertiser,
			returnAll: false,
			limit: 3,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
		});
		expect(result.output('Awin')).toHaveLength(3);
	});

	test("rows keep Awin's nested totals; Simplify gives the same figures as flat columns, amounts as numbers", async () => {
		const params = {
			...advertiser,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			interval: 'month',
		};
		const raw = (await run('getCampaignPerformance', params)).output('Awin');
		const flat = (await run('getCampaignPerformance', { ...params, simplify: true })).output(
			'Awin',
		);
		expect(raw.length).toBeGreaterThan(0);
		expect(flat).toHaveLength(raw.length);
		expect(sandbox.requestsTo(/reports\/campaign/)).toHaveLength(2);

		type Totals = Record<
			'commissionAmount' | 'quantity' | 'saleAmount',
			Record<string, string | number>
		>;
		raw.forEach(({ json }, index) => {
			const totals = json.totals as Totals;
			expect(Object.keys(totals).sort()).toEqual(['commissionAmount', 'quantity', 'saleAmount']);
			expect(Object.keys(totals.commissionAmount).sort()).toEqual([
				'approved',
				'bonus',
				'declined',
				'pending',
				'total',
			]);
			expect(typeof totals.commissionAmount.approved).toBe('string');
			expect(flat[index].json).toEqual({
				date: json.date,
				publisherId: json.publisherId,
				publisherName: json.publisherName,
				campaign: json.campaign,
				commissionAmountApproved: Number(totals.commissionAmount.approved),
				commissionAmountBonus: Number(totals.commissionAmount.bonus),
				commissionAmountDeclined: Number(totals.commissionAmount.declined),
				commissionAmountPending: Number(totals.commissionAmount.pending),
				commissionAmountTotal: Number(totals.commissionAmount.total),
				quantityApproved: totals.quantity.approved,
				quantityBonus: totals.quantity.bonus,
				quantityClick: totals.quantity.click,
				quantityDeclined: totals.quantity.declined,
				quantityPending: totals.quantity.pending,
				quantityTotal: totals.quantity.total,
				saleAmountApproved: Number(totals.saleAmount.approved),
				saleAmountBonus: Number(totals.saleAmount.bonus),
				saleAmountDeclined: Number(totals.saleAmount.declined),
				saleAmountPending: Number(totals.saleAmount.pending),
				saleAmountTotal: Number(totals.saleAmount.total),
			});
		});
		// The figures are the report's: approved commission of the month equals the approved transactions'.
		const approved = transactionsBetween(
			'advertiser',
			10001,
			Date.UTC(2024, 0, 1),
			Date.UTC(2024, 1, 1) - 1,
		)
			.filter((t) => t.status === 'approved')
			.reduce((sum, t) => sum + t.commission, 0);
		const reported = flat.reduce((sum, r) => sum + (r.json.commissionAmountApproved as number), 0);
		expect(reported).toBeCloseTo(approved, 1);
	});

	test('publisher side: the campaign report takes its own longer region list, and Advertiser IDs, Campaign filters', async () => {
		const result = await run('getCampaignPerformance', {
			...publisher,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			region: 'AE',
			filters: { advertiserIds: '10001', campaign: 'Alw', includeNumbersWithoutCampaign: true },
		});
		expect(result.status).toBe('success');
		expect(sandbox.requests[0].query).toMatchObject({
			region: 'AE',
			advertiserIds: '10001',
			campaign: 'Alw',
			includeNumbersWithoutCampaign: 'true',
		});

		// The other reports do not know AE: Awin's pages list 20 regions there.
		const other = await run('getAdvertiserPerformance', {
			...publisher,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			region: 'AE',
		});
		expect(other.status).toBe('error');
		expect(other.nodes.Awin.error?.description).toMatch(/Unknown region 'AE'/);
	});

	test("a campaign filter shorter than Awin's 3 characters fails its item before anything is sent", async () => {
		const result = await run('getCampaignPerformance', {
			...advertiser,
			startDate: '2024-01-01',
			endDate: '2024-01-31',
			filters: { campaign: 'Sp' },
		});
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toBe(
			'Item 0: "Campaign" must have 3 to 128 characters (Awin\'s limits), got "Sp"',
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('sandbox limits', () => {
	test('the campaign report refuses more than 400 days, and a missing region where Awin requires it', async () => {
		const get = async (path: string) =>
			await fetch(`${sandbox.url}${path}`, {
				headers: { authorization: `Bearer ${credentialsFor(sandbox).awinApi.apiToken}` },
			});
		expect(
			(await get('/advertisers/10001/reports/campaign?startDate=2023-01-01&endDate=2024-02-05'))
				.status,
		).toBe(400);
		expect(
			(await get('/advertisers/10001/reports/campaign?startDate=2023-01-01&endDate=2024-02-04'))
				.status,
		).toBe(200);
		expect(
			(await get('/publishers/20001/reports/campaign?startDate=2024-01-01&endDate=2024-01-02'))
				.status,
		).toBe(400);
		expect(
			(
				await get(
					'/advertisers/10001/reports/creative?startDate=2024-01-01&endDate=2024-01-02&timezone=UTC',
				)
			).status,
		).toBe(400);
		expect(
			(await get('/advertisers/10001/reports/publisher?startDate=2024-01-02&endDate=2024-01-01'))
				.status,
		).toBe(400);
	});
});

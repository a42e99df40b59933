/**
 * Transaction Query > Get Many: GET /publisher/{id}/transactionqueries through the real n8n engine
 * against the sandbox, in 31-day windows and pages of 500 (Awin's maximum page size).
 */
import type { INodeParameters } from 'n8n-workflow';

import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { QUERIES_PER_DAY } from '../sandbox/routes/transactionQueries.ts';
import { useSandbox } from '../client/support.ts';

const QUOTA = { limit: 1_000, windowMs: 60_000 };
const QUERIES = /^\/publisher\/\d+\/transactionqueries$/;
const publisherId = { __rl: true, mode: 'id', value: '20001' };

const sandbox = useSandbox(
	{ quotas: { bearer: QUOTA } },
	{ quotas: { bearer: QUOTA }, retryPolicy: { maxTries: 1 } },
);

const queries = (params: INodeParameters, extra = {}) =>
	workflowOf(
		awinNode(
			{
				resource: 'transactionQuery',
				operation: 'getMany',
				publisherId,
				returnAll: true,
				timezone: 'UTC',
				...params,
			},
			extra,
		),
	);

describe('Transaction Query > Get Many', () => {
	test('75 days: three 31-day windows, each read page by page (500 a page) until a short page; every query once', async () => {
		const run = await runWorkflow(
			queries({ startDate: '2024-01-01T00:00:00', endDate: '2024-03-15' }),
			{ credentials: credentialsFor(sandbox) },
		);

		expect(run.status).toBe('success');
		const calls = sandbox.requestsTo(QUERIES);
		expect(
			calls.map((c) => [
				c.path,
				c.query.startDate,
				c.query.endDate,
				c.query.pageNumber,
				c.query.pageSize,
			]),
		).toEqual([
			[
				'/publisher/20001/transactionqueries',
				'2024-01-01T00:00:00',
				'2024-01-31T23:59:59',
				'1',
				'500',
			],
			[
				'/publisher/20001/transactionqueries',
				'2024-01-01T00:00:00',
				'2024-01-31T23:59:59',
				'2',
				'500',
			],
			[
				'/publisher/20001/transactionqueries',
				'2024-02-01T00:00:00',
				'2024-03-02T23:59:59',
				'1',
				'500',
			],
			[
				'/publisher/20001/transactionqueries',
				'2024-02-01T00:00:00',
				'2024-03-02T23:59:59',
				'2',
				'500',
			],
			[
				'/publisher/20001/transactionqueries',
				'2024-03-03T00:00:00',
				'2024-03-15T23:59:59',
				'1',
				'500',
			],
		]);
		expect(calls[0].query).toMatchObject({ timezone: 'UTC', dateType: 'transactionDate' });

		const rows = run.output('Awin');
		expect(rows).toHaveLength(75 * QUERIES_PER_DAY);
		expect(new Set(rows.map((r) => r.json.id)).size).toBe(rows.length);
		expect(rows[0].json.transactionDate).toBe('2024-01-01T00:00:00');
		expect(rows.at(-1)?.json.transactionDate).toBe('2024-03-15T23:00:00');
		expect(rows.every((r) => (r.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test("filters become Awin's parameters and narrow the rows; Limit stops asking once it has enough", async () => {
		const run = await runWorkflow(
			queries({
				startDate: '2024-05-01',
				endDate: '2024-08-31',
				dateType: 'enquiryDate',
				returnAll: false,
				limit: 5,
				filters: {
					statuses: ['pending', 'declined'],
					advertiserIds: '10001',
					clickRefs: 'cr-2, cr-4, cr-6, cr-8',
				},
			}),
			{ credentials: credentialsFor(sandbox) },
		);

		expect(run.status).toBe('success');
		const [call, ...more] = sandbox.requestsTo(QUERIES);
		expect(call.query).toMatchObject({
			dateType: 'enquiryDate',
			statuses: 'pending,declined',
			advertiserIds: '10001',
			clickRefs: 'cr-2,cr-4,cr-6,cr-8',
		});
		const rows = run.output('Awin').map((r) => r.json);
		expect(rows).toHaveLength(5);
		for (const row of rows) {
			expect(row).toMatchObject({
				advertiserId: 10001,
				status: expect.stringMatching(/^(pending|declined)$/),
			});
			expect(['cr-2', 'cr-4', 'cr-6', 'cr-8']).toContain(row.clickRef);
		}
		// 4 months would be 4 windows; it stopped as soon as 5 rows were in.
		expect(more.length).toBeLessThan(3);
	});

	test('bad values on item 1 stop the node before any call, naming the item and the parameter', async () => {
		const cases: Array<[INodeParameters, RegExp]> = [
			[
				{ startDate: '={{ $json.start }}', endDate: '2024-02-01' },
				/^Item 1: "Start Date" must be a date/,
			],
			[{ startDate: '2024-01-01', endDate: '={{ $json.start }}' }, /^Item 1: "End Date" must/],
			[
				{
					startDate: '2024-01-01',
					endDate: '2024-01-02',
					publisherId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
				/^Item 1: "Publisher Account" must be an Awin account ID/,
			],
			[
				{
					startDate: '2024-01-01',
					endDate: '2024-01-02',
					filters: { statuses: '={{ $json.statuses }}' },
				},
				/^Item 1: "Statuses" must be one of pending, approved, declined, got "lost"/,
			],
			[
				{
					startDate: '2024-01-01',
					endDate: '2024-01-02',
					filters: { clickRefs: '={{ $json.ref }}' },
				},
				/^Item 1: "Click Refs" must be at most 1000 characters/,
			],
		];
		for (const [params, message] of cases) {
			sandbox.reset();
			const run = await runWorkflow(queries(params), {
				credentials: credentialsFor(sandbox),
				start: {
					node: 'Start',
					items: [
						{ json: { start: '2024-01-01', id: '20001', statuses: ['pending'], ref: 'cr-1' } },
						{
							json: {
								start: 'last Tuesday',
								id: '20001/../1',
								statuses: ['pending', 'lost'],
								ref: 'x'.repeat(1_001),
							},
						},
					],
				},
			});
			expect(run.status).toBe('error');
			expect(run.nodes.Awin.error?.message).toMatch(message);
			expect(sandbox.requests).toHaveLength(0);
		}
	});

	test('an answer that is not a list fails naming the endpoint, the window and the page (never "no queries")', async () => {
		sandbox.fault({ path: QUERIES, status: 200, body: { transactionQueries: [] }, times: 5 });
		const run = await runWorkflow(queries({ startDate: '2024-01-01', endDate: '2024-01-02' }), {
			credentials: credentialsFor(sandbox),
		});

		expect(run.status).toBe('error');
		const message = run.nodes.Awin.error?.message ?? '';
		expect(message).toContain('GET /publisher/20001/transactionqueries');
		expect(message).toContain('window 2024-01-01T00:00:00 to 2024-01-02T23:59:59, page 1');
		expect(message).toContain('expected a JSON list');
	});
});

test('an endpoint that ignores pageNumber (a full page of the same rows again) stops with an error, not an endless loop', async () => {
	const fullPage = Array.from({ length: 500 }, (_, i) => ({ id: i + 1 }));
	sandbox.fault({ path: QUERIES, status: 200, body: fullPage, times: 10 });
	const run = await runWorkflow(queries({ startDate: '2024-01-01', endDate: '2024-01-02' }), {
		credentials: credentialsFor(sandbox),
	});

	expect(run.status).toBe('error');
	expect(run.nodes.Awin.error?.message).toContain('page 2) with only rows of earlier pages');
	expect(sandbox.requestsTo(QUERIES)).toHaveLength(2);
});

describe('sandbox limits (what the node must respect)', () => {
	const get = async (query: string) =>
		await fetch(`${sandbox.url}/publisher/20001/transactionqueries?timezone=UTC&${query}`, {
			headers: { authorization: `Bearer ${credentialsFor(sandbox).awinApi.apiToken}` },
		});

	test('more than 31 days in one call is a 400', async () => {
		expect((await get('startDate=2024-01-01T00:00:00&endDate=2024-02-01T00:00:01')).status).toBe(
			400,
		);
	});

	test('a page of more than 500 is a 400', async () => {
		expect(
			(await get('startDate=2024-01-01T00:00:00&endDate=2024-01-02T00:00:00&pageSize=501')).status,
		).toBe(400);
	});
});

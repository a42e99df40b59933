import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { transactionsBetween } from '../sandbox/routes/transactions.ts';
import { useSandbox } from '../client/support.ts';

const QUOTA = { limit: 1_000, windowMs: 60_000 };

const sandbox = useSandbox({ quotas: { bearer: QUOTA } }, { quotas: { bearer: QUOTA } });

// 60 days of advertiser 10001: some 180 transactions.
const known = transactionsBetween(
	'advertiser',
	10001,
	Date.UTC(2024, 0, 1),
	Date.UTC(2024, 2, 1) - 1,
).map((t) => t.id);
const byIds = (extra = {}) =>
	workflowOf(
		awinNode(
			{
				resource: 'transaction',
				operation: 'getByIds',
				accountType: 'advertiser',
				advertiserId: { __rl: true, mode: 'id', value: '10001' },
				ids: '={{ $json.ids }}',
				timezone: 'Europe/London',
			},
			extra,
		),
	);
const itemIds = (items: ReturnType<Awaited<ReturnType<typeof runWorkflow>>['output']>, i: number) =>
	items
		.filter((item) => (item.pairedItem as { item: number }).item === i)
		.map((item) => item.json.id);

describe('Transaction > Get by IDs', () => {
	test('ids of all items are fetched 100 per call, and each item gets its own transactions in its order', async () => {
		expect(known.length).toBeGreaterThan(150);
		const first = known.slice(0, 120);
		const second = [...known.slice(100, 150)].reverse();
		const third = [known[5], 99_999_999]; // one shared id, one unknown
		const run = await runWorkflow(byIds(), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: [
					{ json: { ids: first.join(',') } },
					{ json: { ids: second } },
					{ json: { ids: third.join(', ') } },
				],
			},
		});

		expect(run.status).toBe('success');
		const calls = sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/?$/);
		const sent = calls.flatMap((c) => c.query.ids.split(',').map(Number));
		expect(calls).toHaveLength(2); // 151 distinct ids
		expect(
			calls.every(
				(c) => c.query.ids.split(',').length <= 100 && c.query.timezone === 'Europe/London',
			),
		).toBe(true);
		expect(sent.sort()).toEqual([...new Set([...first, ...second, ...third])].sort());

		const items = run.output('Awin');
		expect(itemIds(items, 0)).toEqual(first);
		expect(itemIds(items, 1)).toEqual(second);
		expect(itemIds(items, 2)).toEqual([known[5]]);
	});

	test("publisher side reads /publishers/{id}/transactions/ and returns only that publisher's transactions", async () => {
		const mine = transactionsBetween(
			'publisher',
			20001,
			Date.UTC(2024, 0, 1),
			Date.UTC(2024, 0, 8),
		).map((t) => t.id);
		const theirs = known.filter((id) => !mine.includes(id)).slice(0, 3);
		const run = await runWorkflow(
			workflowOf(
				awinNode({
					resource: 'transaction',
					operation: 'getByIds',
					accountType: 'publisher',
					publisherId: { __rl: true, mode: 'list', value: '20001' },
					ids: [...mine, ...theirs].join(','),
					simplify: true,
				}),
			),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(sandbox.requests[0].path).toBe('/publishers/20001/transactions/');
		const items = run.output('Awin');
		expect(items.map((i) => i.json.id)).toEqual(mine);
		expect(items[0].json).toHaveProperty('saleCurrency');
	});

	test('an id that is not a number stops the node before anything is sent', async () => {
		const run = await runWorkflow(byIds(), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: [{ json: { ids: `${known[0]}` } }, { json: { ids: '12, abc' } }],
			},
		});
		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/^Item 1: "Transaction IDs" must be Awin IDs .* got "abc"$/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail the bad item gets an error item and the good one its rows', async () => {
		const run = await runWorkflow(byIds({ onError: 'continueRegularOutput' }), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: [{ json: { ids: '' } }, { json: { ids: `${known[0]},${known[1]}` } }],
			},
		});
		const items = run.output('Awin');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(items[0].json.error).toMatch(
			/^Item 0: "Transaction IDs" must list at least one Awin transaction ID, got ""$/,
		);
		expect(items.slice(1).map((i) => i.json.id)).toEqual([known[0], known[1]]);
	});
});

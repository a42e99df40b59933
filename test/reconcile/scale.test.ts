/**
 * A year of a large shop in one execution: 100,000 orders against 100,000 Awin transactions are
 * read in at most 12 calls (31-day windows) and land output by output as planted.
 */
import { plantShop } from '../sandbox/shop.ts';
import { byOutput, counted, reconcileRun, useSandbox } from './setup.ts';

const DAY = 86_400_000;
const env = useSandbox();

test('100,000 orders against 100,000 transactions: at most 12 calls, all as planted', async () => {
	const { sandbox } = env;
	const shop = plantShop(sandbox, { start: Date.now() - 366 * DAY, days: 364, cases: 105_000 });
	expect(shop.orders.length).toBeGreaterThanOrEqual(100_000);
	expect(shop.transactions).toBeGreaterThanOrEqual(100_000);
	const run = await reconcileRun(sandbox, shop.orders);
	expect(run.status).toBe('success');
	const calls = sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/?$/);
	expect(calls.length).toBeLessThanOrEqual(12);
	expect(sandbox.requests).toHaveLength(calls.length);
	const outputs = byOutput(run);
	const { perOutput, perReason } = counted(outputs);
	expect(perOutput).toEqual(shop.outputs);
	expect(perReason).toEqual(shop.reasons);
	expect(outputs.summary[0].json).toMatchObject({
		orders: shop.orders.length,
		transactions: shop.transactions,
		awinCalls: calls.length,
	});
}, 240_000);

test('the other operations keep their one output', async () => {
	const { sandbox } = env;
	const { awinNode, credentialsFor, runWorkflow, workflowOf } = await import('../harness/index.ts');
	const run = await runWorkflow(
		workflowOf(
			awinNode({
				resource: 'transaction',
				operation: 'getMany',
				accountType: 'advertiser',
				advertiserId: { __rl: true, mode: 'id', value: '10001' },
				startDate: '2024-01-01',
				endDate: '2024-01-02',
				timezone: 'UTC',
				returnAll: true,
			}),
		),
		{ credentials: credentialsFor(sandbox) },
	);
	expect(run.status).toBe('success');
	expect(run.nodes.Awin.outputs).toHaveLength(1);
	expect(run.output('Awin').length).toBeGreaterThan(0);
});

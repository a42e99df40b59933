/**
 * One quota per token and the margin on each window, seen where
 * Awin would see them: the sandbox's request log. The sandbox counts Bearer and x-api-key calls of
 * one token together, as Awin's "per user" limit does, and answers 429 beyond it.
 */
import { credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { asItems, conversionNode, SEED_003_ORDER } from '../orders/setup.ts';
import { accountsWorkflow, FAST_RETRIES, items, mostInAnyWindow, useSandbox } from './support.ts';

const WINDOW_MS = 3_000;
const QUOTA = { limit: 2, windowMs: WINDOW_MS };
const QUOTAS = { bearer: QUOTA, conversion: QUOTA };

const sandbox = useSandbox(
	{ quotas: QUOTAS },
	{ quotas: QUOTAS, retryPolicy: { ...FAST_RETRIES, maxTries: 1 } },
);

test('reads (Bearer) and Conversion orders (x-api-key) with one token share its quota: no 429, never over it', async () => {
	const credentials = credentialsFor(sandbox);
	const order = conversionNode(
		{},
		{ typeVersion: 1.1, credentials: { awinApi: { id: '1', name: 'Awin API' } } },
	);
	const [reads, orders] = await Promise.all([
		runWorkflow(accountsWorkflow(), {
			credentials,
			start: { node: 'Start', items: items('advertiser', 'publisher') },
		}),
		runWorkflow(workflowOf(order), {
			credentials,
			start: { node: 'Start', items: asItems([SEED_003_ORDER]) },
		}),
	]);

	expect(reads.status).toBe('success');
	expect(orders.status).toBe('success');
	const calls = sandbox.requests.filter((r) =>
		/^\/accounts$|^\/s2s\/advertiser\/\d+\/orders$/.test(r.path),
	);
	expect(calls).toHaveLength(3);
	// Counted separately, the order would have gone out beside the two reads and met Awin's 429.
	expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
	expect(mostInAnyWindow(calls, WINDOW_MS)).toBe(2);
});

test('the call after a full window waits the window plus its margin (1/60 of it)', async () => {
	const run = await runWorkflow(accountsWorkflow(), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items: items('all', 'advertiser', 'publisher') },
	});
	expect(run.status).toBe('success');
	const calls = sandbox.requestsTo(/^\/accounts$/);
	expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
	// The third call waits for the first to leave the window, counted from its answer, plus 50 ms.
	expect(calls[2].time - calls[0].time).toBeGreaterThanOrEqual(WINDOW_MS + WINDOW_MS / 60);
});

/**
 * The quota per secret, seen where Awin would see it: the sandbox's request log. The sandbox
 * enforces the same (shrunk) quota and answers 429 beyond it, so a 429 would show a broken quota.
 */
import type { AwinSandbox } from '../harness/index.ts';
import { credentialsFor, runWorkflow, startSandbox } from '../harness/index.ts';
import { SANDBOX_ACCOUNTS } from '../sandbox/routes/accounts.ts';
import {
	accountsWorkflow,
	FAST_RETRIES,
	items,
	mostInAnyWindow,
	quota,
	restoreLimits,
} from './support.ts';

let sandbox: AwinSandbox;
const LIMIT = 2;
const WINDOW_MS = 1_000;

beforeAll(async () => {
	sandbox = await startSandbox({ quotas: { bearer: { limit: LIMIT, windowMs: WINDOW_MS } } });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	restoreLimits();
	quota.setLimitsForTests({
		quotas: { bearer: { limit: LIMIT, windowMs: WINDOW_MS } },
		retryPolicy: FAST_RETRIES,
	});
});
afterAll(() => restoreLimits());

describe('quota per secret', () => {
	test('three executions sharing one token never send more than the quota in any window, and all succeed', async () => {
		const runs = await Promise.all(
			[0, 1, 2].map(
				async () =>
					await runWorkflow(accountsWorkflow(), {
						credentials: credentialsFor(sandbox),
						start: { node: 'Start', items: items('all', 'advertiser', 'publisher') },
					}),
			),
		);

		const calls = sandbox.requestsTo(/^\/accounts$/);
		expect(calls).toHaveLength(9);
		// Never over the quota, so Awin never had to refuse one.
		expect(calls.map((c) => c.status)).toEqual(new Array(9).fill(200));
		expect(mostInAnyWindow(calls, WINDOW_MS)).toBe(LIMIT);
		// 9 calls at 2 per second need at least 4 full windows.
		expect(calls[8].time - calls[0].time).toBeGreaterThanOrEqual(4 * WINDOW_MS);

		for (const run of runs) {
			expect(run.status).toBe('success');
			const output = run.output('Awin');
			expect(output).toHaveLength(SANDBOX_ACCOUNTS.length + 2 + 1);
			expect(
				output
					.filter((i) => (i.pairedItem as { item: number }).item === 1)
					.map((i) => i.json.accountType),
			).toEqual(['advertiser', 'advertiser']);
		}
	});

	test('a burst up to the quota goes out at once, without waiting', async () => {
		// A long window: had the second call waited for it, the test would run into its timeout.
		quota.setLimitsForTests({ quotas: { bearer: { limit: 3, windowMs: 30_000 } } });
		const big = await startSandbox({ quotas: { bearer: { limit: 3, windowMs: 30_000 } } });
		try {
			const run = await runWorkflow(accountsWorkflow(), {
				credentials: credentialsFor(big),
				start: { node: 'Start', items: items('all', 'advertiser', 'publisher') },
			});
			expect(run.status).toBe('success');
			const calls = big.requestsTo(/^\/accounts$/);
			expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
			expect(calls[2].time - calls[0].time).toBeLessThan(15_000);
		} finally {
			await big.close();
		}
	});

	test('Max Requests per Minute lowers the rate below the quota: the second call waits for the minute', async () => {
		quota.setLimitsForTests({ quotas: { bearer: { limit: 20, windowMs: 60_000 } } });
		const started = Date.now();
		const run = await runWorkflow(accountsWorkflow({ requestsPerMinute: 1 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('advertiser', 'publisher') },
			// Stop it while the second call waits: the minute is too long for a test.
			onStart: (cancel) => setTimeout(cancel, 1_500),
		});

		expect(run.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(sandbox.requestsTo(/^\/accounts$/).map((c) => c.query)).toEqual([
			{ type: 'advertiser' },
		]);
	});
});

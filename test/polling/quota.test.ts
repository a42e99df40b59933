/**
 * The trigger spends the same token quota as the Awin node: polled while a Get Many runs with the
 * same token, together they stay within the quota (the sandbox enforces it and answers 429
 * otherwise), the later calls waiting for a slot.
 */
import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startPolling,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import { sandboxTransactions } from '../sandbox/routes/transactions.ts';
import { advertiser, triggerWorkflow } from './helpers.ts';

const QUOTA = { limit: 3, windowMs: 2_000 };

let sandbox: AwinSandbox;
beforeAll(async () => {
	setLimitsForTests({ quotas: { bearer: QUOTA } });
	sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
	sandboxTransactions(sandbox).quiet();
});
afterAll(async () => await sandbox.close());

test('polls and the Awin node share one quota: 5 calls against 3 per 2 s, no 429, the last ones wait', async () => {
	const poller = startPolling(triggerWorkflow({ ...advertiser, lookBackDays: 45 }), {
		credentials: credentialsFor(sandbox),
	});
	const getMany = runWorkflow(
		workflowOf(
			awinNode({
				resource: 'transaction',
				operation: 'getMany',
				...advertiser,
				startDate: '2024-01-01T00:00:00',
				endDate: '2024-03-15T00:00:00',
				returnAll: true,
			}),
		),
		{ credentials: credentialsFor(sandbox) },
	);
	const [poll, run] = await Promise.all([poller.poll(), getMany]);

	expect(run.status).toBe('success');
	expect(poll.started).toBe(false);
	const calls = sandbox.requestsTo(/\/transactions/);
	// 3 windows for Get Many (74 days), 2 for the trigger (45 days).
	expect(calls).toHaveLength(5);
	expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
	const times = calls.map((c) => c.time).sort((a, b) => a - b);
	// The 4th call had to wait for the 1st to leave the quota window (generous margin for the
	// time between the client taking its slot and the sandbox receiving the call).
	expect(times[3] - times[0]).toBeGreaterThanOrEqual(QUOTA.windowMs - 250);
});

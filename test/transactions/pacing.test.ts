/**
 * More windows than the quota allows at once: the node's own pacing spreads them so that Awin
 * (here the sandbox, with the same quota shrunk to 20 calls per 3 s) never answers 429.
 */
import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';

const WINDOW_MS = 3_000;

let sandbox: AwinSandbox;
beforeAll(async () => {
	setLimitsForTests({ quotas: { bearer: { limit: 20, windowMs: WINDOW_MS } } });
	sandbox = await startSandbox({ quotas: { bearer: { limit: 20, windowMs: WINDOW_MS } } });
});
afterAll(async () => await sandbox.close());

test('a two-year pull (24 windows) waits for the quota instead of meeting a 429', async () => {
	const run = await runWorkflow(
		workflowOf(
			awinNode({
				resource: 'transaction',
				operation: 'getMany',
				accountType: 'publisher',
				publisherId: { __rl: true, mode: 'id', value: '20001' },
				startDate: '2022-01-01T00:00:00',
				endDate: '2023-12-31T23:59:59',
				returnAll: true,
			}),
		),
		{ credentials: credentialsFor(sandbox) },
	);

	expect(run.status).toBe('success');
	const calls = sandbox.requestsTo(/\/transactions/);
	expect(calls).toHaveLength(24);
	expect(calls.every((c) => c.status === 200)).toBe(true);
	// The 21st call had to wait for the first to leave the quota window.
	expect(calls[20].time - calls[0].time).toBeGreaterThanOrEqual(WINDOW_MS);
});

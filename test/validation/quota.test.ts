import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';

// A tiny quota: 2 calls per second. The sandbox's window is a little shorter because it stamps a
// call when it arrives, the client when it leaves; a 429 would then cost only 50 ms, not 60 s.
let sandbox: AwinSandbox;
beforeAll(async () => {
	setLimitsForTests({
		quotas: { bearer: { limit: 2, windowMs: 1_000 } },
		retryPolicy: { rateLimitWaitMs: 50 },
	});
	sandbox = await startSandbox({ quotas: { bearer: { limit: 2, windowMs: 900 } } });
});
afterAll(async () => await sandbox.close());

test('waiting for the job reads it through the same quota as the batch call, never causing a 429', async () => {
	const run = await runWorkflow(
		workflowOf(
			awinNode({
				resource: 'transaction',
				operation: 'validate',
				advertiserId: { __rl: true, mode: 'id', value: '10001' },
				validationAction: 'approve',
				identifyBy: 'transactionId',
				transactionId: '={{ $json.id }}',
				options: { waitForResult: true, pollIntervalSeconds: 0.01, maxWaitSeconds: 20 },
			}),
		),
		{
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: [{ json: { id: 1 } }] },
		},
	);

	expect(run.status).toBe('success');
	expect(run.output('Awin')[0].json.status).toBe('done');
	const [post, firstRead, secondRead] = sandbox.requests;
	expect([post.method, firstRead.method, secondRead.method]).toEqual(['POST', 'GET', 'GET']);
	expect(sandbox.requests.every((r) => r.status === 200)).toBe(true);
	// The third call of the run had to wait for the first to leave the 1 s window.
	expect(secondRead.time - post.time).toBeGreaterThanOrEqual(900);
});

/**
 * Two n8n processes (as two queue-mode workers are) share one token against the sandbox's quota.
 * Neither sees the other's calls; the adaptive limiter must settle both at their shares after the
 * first window instead of running into Awin's limit every window. Quota shrunk to 6 calls per 2 s in
 * the sandbox and in both processes, so the test takes seconds, not minutes.
 */
import type { AwinSandbox } from '../harness/index.ts';
import { startSandbox } from '../harness/index.ts';
import { transactionsBetween } from '../sandbox/routes/transactions.ts';
import { pullInProcesses } from './processes.ts';

const QUOTA = { limit: 6, windowMs: 2_000 };
/** 18 monthly windows each: 36 calls, six windows of the shared quota. */
const RANGE = { startDate: '2022-07-01T00:00:00', endDate: '2023-12-31' };

let sandbox: AwinSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
});
afterAll(async () => await sandbox.close());

test('two processes sharing a token: 429s in the first window, then about one refused probe each, every transaction once in each', async () => {
	const pull = await pullInProcesses(
		sandbox,
		2,
		{ quota: QUOTA, ...RANGE },
		/^\/advertisers\/10001\/transactions\/?$/,
	);
	console.log(
		`two processes, one token, ${QUOTA.limit} calls per ${QUOTA.windowMs} ms: ${pull.calls} calls, ${pull.refused} refused with 429 ` +
			`(${pull.refusedAfterFirstWindow} after the first window), wall ${pull.wallMs} ms, quota floor ${pull.floorMs} ms`,
	);

	const expected = transactionsBetween(
		'advertiser',
		10001,
		Date.UTC(2022, 6, 1),
		Date.UTC(2023, 11, 31, 23, 59, 59),
	)
		.map((t) => t.id)
		.sort((a, b) => a - b);
	expect(expected.length).toBeGreaterThan(100);
	for (const result of pull.results) {
		expect(result.status).toBe('success');
		expect([...result.transactionIds].sort((a, b) => a - b)).toEqual(expected);
	}
	expect(pull.calls - pull.refused).toBe(36);
	// Before the limiter adapted, each process believed it had all 6: a 429 in nearly every window.
	// Now at most the one probe per process (in the third window, both still busy) that
	// asks whether the other has left room; a refused probe holds probing back 32 windows. One more
	// is allowed for a loaded machine: the quota margin of a 2 s window is 33 ms (1 s on Awin's
	// minute), and a process held up longer than that by the scheduler may lose a slot to the
	// other's probe. Without adapting, nearly every window meets one.
	expect(pull.refusedAfterFirstWindow).toBeLessThanOrEqual(3);
});

/**
 * The adaptive limiter (issue 16): after Awin's 429 the process halves its own rate for that token
 * and climbs back slowly, so workers or tools sharing a token stop running into Awin's limit.
 */
import type { AwinSandbox } from '../harness/index.ts';
import { awinNode, credentialsFor, runWorkflow, startSandbox, workflowOf } from '../harness/index.ts';
import { FAST_RETRIES, limits, quota, restoreLimits } from './support.ts';

describe('the rate curve', () => {
	const QUOTA = { limit: 20, windowMs: 60_000 };
	const MINUTE = 60_000;

	test('a 429 halves the rate; more 429s within the same window are the same signal', () => {
		const halved = quota.adaptRate({ allowed: 20, changedAt: 0 }, QUOTA, true, 10 * MINUTE);
		expect(halved).toEqual({ allowed: 10, changedAt: 10 * MINUTE });
		expect(quota.adaptRate(halved, QUOTA, true, 10 * MINUTE + 5_000)).toBe(halved);
		expect(quota.adaptRate(halved, QUOTA, true, 11 * MINUTE)).toEqual({ allowed: 5, changedAt: 11 * MINUTE });
	});

	test('never below one call per window', () => {
		expect(quota.adaptRate({ allowed: 1, changedAt: 0 }, QUOTA, true, MINUTE)).toEqual({ allowed: 1, changedAt: MINUTE });
	});

	test('one call per window back after RECOVERY_WINDOWS windows without a 429, never above the quota', () => {
		const start = { allowed: 10, changedAt: 0 };
		const recovery = quota.RECOVERY_WINDOWS * MINUTE;
		expect(quota.adaptRate(start, QUOTA, false, recovery - 1)).toBe(start);
		expect(quota.adaptRate(start, QUOTA, false, recovery)).toEqual({ allowed: 11, changedAt: recovery });
		let state = start;
		for (let t = 0; t < 100 * recovery; t += MINUTE) state = quota.adaptRate(state, QUOTA, false, t);
		expect(state.allowed).toBe(20);
	});

	test('two workers with one token that both meet a 429 settle on shares that fit the quota', () => {
		const a = quota.adaptRate({ allowed: 20, changedAt: 0 }, QUOTA, true, MINUTE);
		const b = quota.adaptRate({ allowed: 20, changedAt: 0 }, QUOTA, true, MINUTE);
		expect(a.allowed + b.allowed).toBeLessThanOrEqual(QUOTA.limit);
	});
});

describe('through the engine: another user of the token leaves this process half of Awin quota', () => {
	// The node believes it has 6 calls a window; Awin (the sandbox) allows 3, as when another
	// worker spends the rest of the same token.
	const WINDOW_MS = 1_000;
	let sandbox: AwinSandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ quotas: { bearer: { limit: 3, windowMs: WINDOW_MS } } });
	});
	afterAll(async () => {
		await sandbox.close();
		restoreLimits();
	});

	test('after a 429 the process keeps to the rate Awin allows: 24 windows, all answered, few 429s', async () => {
		restoreLimits();
		limits.configureAwinLimits({
			quotas: { bearer: { limit: 6, windowMs: WINDOW_MS } },
			// After a 429, wait a window, as Awin's 60 s on a 60 s window.
			retryPolicy: { ...FAST_RETRIES, rateLimitWaitMs: WINDOW_MS },
		});
		// Two years of transactions: 24 monthly windows, one call each.
		const pull = awinNode({
			resource: 'transaction',
			operation: 'getMany',
			accountType: 'advertiser',
			advertiserId: { __rl: true, mode: 'id', value: '10001' },
			startDate: '2022-01-01T00:00:00',
			endDate: '2023-12-31',
			timezone: 'UTC',
			returnAll: true,
		});
		const run = await runWorkflow(workflowOf(pull), { credentials: credentialsFor(sandbox) });
		expect(run.status).toBe('success');
		const statuses = sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/?$/).map((c) => c.status);
		const refused = statuses.filter((s) => s === 429).length;
		console.log(`adaptive limiter: ${statuses.length} calls, ${refused} answered 429`);
		expect(statuses.filter((s) => s === 200)).toHaveLength(24);
		// Without adapting, every window meets a 429 (measured: 7 in 31 calls); adapting, the first
		// window's and the probe when the rate climbs back after RECOVERY_WINDOWS windows.
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(3);
	}, 60_000);
});

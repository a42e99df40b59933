/**
 * The adaptive limiter: after Awin's 429 the process halves its own rate for that token
 * and climbs back slowly, so workers or tools sharing a token stop running into Awin's limit.
 */
import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { FAST_RETRIES, quota, restoreLimits } from './support.ts';

describe('the rate curve', () => {
	const QUOTA = { limit: 20, windowMs: 60_000 };
	const MINUTE = 60_000;
	const CALL = { rateLimited: false, probe: false };
	const REFUSED = { rateLimited: true, probe: false };
	const PROBE = { rateLimited: false, probe: true };
	const REFUSED_PROBE = { rateLimited: true, probe: true };

	test('a 429 halves the rate; more 429s within the same window are the same signal', () => {
		const halved = quota.adaptRate(quota.fullRate(QUOTA), QUOTA, REFUSED, 10 * MINUTE);
		expect(halved).toEqual({ allowed: 10, changedAt: 10 * MINUTE, probeAt: 12 * MINUTE });
		expect(quota.adaptRate(halved, QUOTA, REFUSED, 10 * MINUTE + 5_000)).toMatchObject({
			allowed: 10,
			changedAt: 10 * MINUTE,
		});
		expect(quota.adaptRate(halved, QUOTA, REFUSED, 11 * MINUTE)).toEqual({
			allowed: 5,
			changedAt: 11 * MINUTE,
			probeAt: 13 * MINUTE,
		});
	});

	test('never below one call per window', () => {
		const one = { allowed: 1, changedAt: 0, probeAt: 0 };
		expect(quota.adaptRate(one, QUOTA, REFUSED, MINUTE).allowed).toBe(1);
	});

	test('answers within the rate change nothing: the rate climbs back only by probes', () => {
		const halved = { allowed: 10, changedAt: 0, probeAt: 2 * MINUTE };
		let state = halved;
		for (let t = 0; t < 100 * MINUTE; t += 1_000) state = quota.adaptRate(state, QUOTA, CALL, t);
		expect(state).toBe(halved);
	});

	test('an accepted probe takes one call more for good and lets the next probe go at once, never above the quota', () => {
		let state = { allowed: 10, changedAt: 0, probeAt: 2 * MINUTE };
		state = quota.adaptRate(state, QUOTA, PROBE, 3 * MINUTE);
		expect(state).toEqual({ allowed: 11, changedAt: 0, probeAt: 3 * MINUTE });
		for (let i = 0; i < 20; i++) state = quota.adaptRate(state, QUOTA, PROBE, 3 * MINUTE + i);
		expect(state.allowed).toBe(20);
	});

	test('a refused probe keeps the rate (it was our own question) and holds probing back PROBE_BACKOFF_WINDOWS windows', () => {
		const state = { allowed: 10, changedAt: 0, probeAt: 2 * MINUTE };
		expect(quota.PROBE_BACKOFF_WINDOWS).toBe(32);
		expect(quota.adaptRate(state, QUOTA, REFUSED_PROBE, 3 * MINUTE)).toEqual({
			allowed: 10,
			changedAt: 0,
			probeAt: 35 * MINUTE,
		});
	});

	test('two workers with one token that both meet a 429 settle on shares that fit the quota', () => {
		const a = quota.adaptRate(quota.fullRate(QUOTA), QUOTA, REFUSED, MINUTE);
		const b = quota.adaptRate(quota.fullRate(QUOTA), QUOTA, REFUSED, MINUTE);
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
		quota.setLimitsForTests({
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
		const statuses = sandbox
			.requestsTo(/^\/advertisers\/10001\/transactions\/?$/)
			.map((c) => c.status);
		const refused = statuses.filter((s) => s === 429).length;
		console.log(`adaptive limiter: ${statuses.length} calls, ${refused} answered 429`);
		expect(statuses.filter((s) => s === 200)).toHaveLength(24);
		// Without adapting, every window meets a 429; adapting, the first
		// window's, and refused probes (one call beyond the halved rate, two windows after the 429,
		// then every PROBE_BACKOFF_WINDOWS windows).
		expect(refused).toBeGreaterThanOrEqual(1);
		expect(refused).toBeLessThanOrEqual(3);
	}, 60_000);
});

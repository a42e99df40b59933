/**
 * Pacing of Public API calls: by RateLimit-Remaining (no call is sent into an exhausted burst),
 * by Retry-After after a 429, and within the legacy per-user quota too (the two budgets are taken
 * as one, docs/limits.md).
 */
import { setLimitsForTests } from '../harness/limits.ts';
import { configurePublicBurst } from '../sandbox/routes/publicApi.ts';
import { ADVERTISER, runner, usePublicSandbox } from './setup.ts';

const env = usePublicSandbox();
const run = runner(env);

/** One item per distinct query (another limit each), so every item costs one call. */
const distinctReads = (count: number) =>
	Array.from({ length: count }, (_, n) => ({ json: { limit: n + 1 } }));
const getMany = {
	operation: 'getMany',
	accountType: 'advertiser',
	advertiserId: ADVERTISER,
	limit: '={{ $json.limit }}',
};

afterAll(() => setLimitsForTests({ quotas: { bearer: { limit: 50, windowMs: 1_000 } } }));

test('12 calls against a burst of 5: none is refused, each waits for RateLimit-Remaining', async () => {
	configurePublicBurst(env.sandbox, { limit: 5, windowMs: 1_000 });
	const result = await run(getMany, distinctReads(12));

	expect(result.status).toBe('success');
	const calls = env.sandbox.requestsTo(/^\/public\//);
	expect(calls).toHaveLength(12);
	expect(calls.filter((c) => c.status === 429)).toEqual([]);
	// Advertiser 10001 has 7 partnerships: item n gets min(n + 1, 7) rows.
	expect(result.output('Awin')).toHaveLength(63);
});

test('a 429 with Retry-After is waited out, then the call goes again', async () => {
	env.sandbox.fault({
		path: /^\/public\//,
		status: 429,
		headers: { 'Retry-After': '1', 'RateLimit-Limit': '5', 'RateLimit-Remaining': '0' },
		body: { errors: [{ status: '429', code: 'RATE_LIMITED', detail: 'Too many requests' }] },
	});
	const result = await run(getMany, distinctReads(1));

	expect(result.status).toBe('success');
	const [refused, retried] = env.sandbox.requestsTo(/^\/public\//);
	expect(refused.status).toBe(429);
	expect(retried.status).toBe(200);
	expect(retried.time - refused.time).toBeGreaterThanOrEqual(950);
});

test('Public API calls stay within the legacy per-user quota as well', async () => {
	const quota = { limit: 3, windowMs: 1_000 };
	setLimitsForTests({ quotas: { bearer: quota } });
	env.sandbox.quotas.bearer = quota;
	try {
		const result = await run(getMany, distinctReads(7));
		expect(result.status).toBe('success');
		expect(env.sandbox.requests.filter((r) => r.status === 429)).toEqual([]);
		expect(env.sandbox.requests).toHaveLength(7);
	} finally {
		env.sandbox.quotas.bearer = { limit: 50, windowMs: 1_000 };
	}
});

/**
 * 429, server errors and dropped connections on a read (Account > Get Many, GET /accounts), through
 * the engine against the sandbox's injected faults.
 */
import { credentialsFor, runWorkflow, SANDBOX_SECRETS, startSandbox } from '../harness/index.ts';
import { SANDBOX_ACCOUNTS } from '../sandbox/routes/accounts.ts';
import { accountsWorkflow, FAST_RETRIES, gaps, items, quota, useSandbox } from './support.ts';

const sandbox = useSandbox({}, { retryPolicy: FAST_RETRIES });

const run = async (options = {}, extra = {}) =>
	await runWorkflow(accountsWorkflow(options, extra), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items: items('all') },
	});

const accountsCalls = () => sandbox.requestsTo(/^\/accounts$/);
const rateLimitBody = {
	error: 'request.limit.exceeded',
	description: "Requests limit '20' times per '1' minutes' is exceeded",
};

function expectAllAccounts(result: Awaited<ReturnType<typeof run>>) {
	expect(result.status).toBe('success');
	expect(result.output('Awin').map((i) => i.json.accountId)).toEqual(
		SANDBOX_ACCOUNTS.map((a) => a.accountId),
	);
}

describe('429 from Awin', () => {
	test('Retry-After is honoured: the retry waits that long, not the default wait', async () => {
		// Without Retry-After the wait would be 30 s and the test would time out at the sandbox's pace.
		quota.setLimitsForTests({ retryPolicy: { rateLimitWaitMs: 30_000 } });
		sandbox.fault({ status: 429, body: rateLimitBody, headers: { 'retry-after': '1' } });

		const result = await run();

		expectAllAccounts(result);
		const calls = accountsCalls();
		expect(calls.map((c) => c.status)).toEqual([429, 200]);
		expect(gaps(calls)[0]).toBeGreaterThanOrEqual(950);
		expect(gaps(calls)[0]).toBeLessThan(20_000);
	});

	test('without Retry-After the client waits its own rate-limit pause before the retry', async () => {
		quota.setLimitsForTests({ retryPolicy: { rateLimitWaitMs: 700 } });
		sandbox.fault({ status: 429, body: rateLimitBody });

		expectAllAccounts(await run());
		const calls = accountsCalls();
		expect(calls.map((c) => c.status)).toEqual([429, 200]);
		expect(gaps(calls)[0]).toBeGreaterThanOrEqual(650);
	});

	test('the pause holds every call with that token, also those of another execution', async () => {
		quota.setLimitsForTests({ retryPolicy: { rateLimitWaitMs: 1_000 } });
		sandbox.fault({ status: 429, body: rateLimitBody });

		const first = run();
		// The second execution starts once the first got its 429, well inside the pause.
		while (sandbox.requests[0]?.status !== 429)
			await new Promise((resolve) => setTimeout(resolve, 10));
		await new Promise((resolve) => setTimeout(resolve, 100));
		const secondStarted = Date.now();
		const second = runWorkflow(accountsWorkflow(), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('publisher') },
		});
		const results = await Promise.all([first, second]);

		expect(results.map((r) => r.status)).toEqual(['success', 'success']);
		const calls = accountsCalls();
		expect(calls[0].status).toBe(429);
		expect(secondStarted - calls[0].time).toBeLessThan(900);
		const publisherCall = calls.find((c) => c.query.type === 'publisher');
		expect(publisherCall?.status).toBe(200);
		// Without the shared pause it would have gone about 100 ms after the 429.
		expect(publisherCall!.time - calls[0].time).toBeGreaterThanOrEqual(950);
	});

	test("Awin's rate-limit body is recognised under another status too", async () => {
		sandbox.fault({ status: 403, body: rateLimitBody });

		expectAllAccounts(await run());
		expect(accountsCalls().map((c) => c.status)).toEqual([403, 200]);
	});

	test('a storm of 429s that ends within the tries ends in success', async () => {
		sandbox.fault({ status: 429, body: rateLimitBody, times: 4 });

		expectAllAccounts(await run());
		// Default 5 tries: four refusals, then the answer.
		expect(accountsCalls().map((c) => c.status)).toEqual([429, 429, 429, 429, 200]);
	});

	test('a storm that outlasts Max Tries per Call stops with a clear 429 error, without the token', async () => {
		sandbox.fault({ status: 429, body: rateLimitBody, times: 10 });

		const result = await run({ maxTries: 3 });

		expect(result.status).toBe('error');
		expect(accountsCalls()).toHaveLength(3);
		const error = result.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toBe("Awin's rate limit was still exceeded after 3 tries");
		expect(error?.description).toContain("Requests limit '20' times per '1' minutes' is exceeded");
		expect(error?.description).toContain('Max Requests per Minute');
		expect(result.serialized).not.toContain(SANDBOX_SECRETS.apiToken);
	});

	test('with Continue On Fail the 429 error lands on the item, paired to it', async () => {
		sandbox.fault({ status: 429, body: rateLimitBody, times: 10 });

		const result = await run({ maxTries: 2 }, { onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		const [item] = result.output('Awin');
		expect(item.json.error).toBe("Awin's rate limit was still exceeded after 2 tries");
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(accountsCalls()).toHaveLength(2);
	});
});

describe('server errors and network failures on a read', () => {
	test('a 500 then success: retried once, the user sees only the result', async () => {
		sandbox.fault({ status: 500, body: { error: 'internal', description: 'try again later' } });

		expectAllAccounts(await run());
		expect(accountsCalls().map((c) => c.status)).toEqual([500, 200]);
	});

	test('back-off grows between tries', async () => {
		quota.setLimitsForTests({ retryPolicy: { backoffBaseMs: 200, backoffMaxMs: 10_000 } });
		sandbox.fault({ status: 503, times: 3 });

		expectAllAccounts(await run());
		const waits = gaps(accountsCalls());
		// Each wait is at least half its step: 200, 400, 800 ms steps.
		expect(waits[0]).toBeGreaterThanOrEqual(95);
		expect(waits[1]).toBeGreaterThanOrEqual(195);
		expect(waits[2]).toBeGreaterThanOrEqual(395);
	});

	test('server errors stop after Max Tries per Call with the HTTP code', async () => {
		sandbox.fault({
			status: 503,
			body: { error: 'unavailable', description: 'maintenance' },
			times: 10,
		});

		const result = await run({ maxTries: 2 });

		expect(accountsCalls()).toHaveLength(2);
		const error = result.nodes.Awin.error;
		expect(error?.httpCode).toBe('503');
		expect(error?.message).toBe('Awin answered 503 (server error) after 2 tries');
		expect(error?.description).toContain('maintenance');
	});

	test('a dropped connection on a GET is retried', async () => {
		sandbox.fault({ drop: true });

		expectAllAccounts(await run());
		const calls = accountsCalls();
		expect(calls.map((c) => c.fault ?? c.status)).toEqual(['drop', 200]);
	});

	test('connections dropped on every try end in a readable network error with no HTTP code', async () => {
		sandbox.fault({ drop: true, times: 10 });

		const result = await run({ maxTries: 2 });

		expect(accountsCalls()).toHaveLength(2);
		const error = result.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/^Could not reach Awin \((ECONNRESET|socket hang up)\) after 2 tries$/,
		);
		expect(error?.httpCode ?? null).toBeNull();
	});

	test('a GET that times out is retried', async () => {
		quota.setLimitsForTests({ retryPolicy: { requestTimeoutMs: 1_000 } });
		sandbox.fault({ delayMs: 3_000 });

		expectAllAccounts(await run());
		expect(accountsCalls().map((c) => c.fault ?? c.status)).toEqual(['delay', 200]);
	});

	test('an unreachable Base URL (connection refused) is retried, then reported', async () => {
		const closed = await startSandbox();
		const url = closed.url;
		await closed.close();

		const result = await runWorkflow(accountsWorkflow({ maxTries: 2 }), {
			credentials: { awinApi: { apiToken: SANDBOX_SECRETS.apiToken, baseUrl: url } },
			start: { node: 'Start', items: items('all') },
		});

		expect(result.nodes.Awin.error?.message).toBe(
			'Could not reach Awin (ECONNREFUSED) after 2 tries',
		);
		expect(result.nodes.Awin.error?.description).toContain('Base URL');
	});
});

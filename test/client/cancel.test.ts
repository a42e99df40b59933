/**
 * Stopping an execution (the Stop button; the harness's cancel does what n8n does: it aborts the
 * execution's cancel signal) ends any wait of the shared client within a second, even when the
 * wait itself would last much longer.
 */
import { credentialsFor, runWorkflow } from '../harness/index.ts';
import { accountsWorkflow, items, quota, useSandbox } from './support.ts';

const sandbox = useSandbox();

const CANCEL_AFTER_MS = 500;
// Generous for a busy 2-core machine, yet far below every wait below (20 s).
const ENDS_WITHIN_MS = 3_000;

/** Runs Account > Get Many, stops it after CANCEL_AFTER_MS, and says how long the stop took. */
async function runAndStop(types = ['all'], options = {}) {
	let cancelledAt = 0;
	const result = await runWorkflow(accountsWorkflow(options), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items: items(...types) },
		onStart: (cancel) =>
			setTimeout(() => {
				cancelledAt = Date.now();
				cancel();
			}, CANCEL_AFTER_MS),
	});
	// runWorkflow resolves only once the node's execute() has returned or thrown.
	return { result, stopTookMs: Date.now() - cancelledAt, cancelledAt };
}

describe('stopping an execution', () => {
	test('ends a wait for the quota', async () => {
		quota.setLimitsForTests({ quotas: { bearer: { limit: 1, windowMs: 20_000 } } });

		const { result, stopTookMs } = await runAndStop(['advertiser', 'publisher']);

		expect(result.status).toBe('canceled');
		expect(stopTookMs).toBeLessThan(ENDS_WITHIN_MS);
		// The first call went; the second was still waiting for the window and never went.
		expect(sandbox.requests.map((r) => r.query.type)).toEqual(['advertiser']);
	});

	test('ends the pause after a 429 (Retry-After 20 s)', async () => {
		sandbox.fault({
			status: 429,
			body: { error: 'request.limit.exceeded' },
			headers: { 'retry-after': '20' },
		});

		const { result, stopTookMs } = await runAndStop();

		expect(result.status).toBe('canceled');
		expect(stopTookMs).toBeLessThan(ENDS_WITHIN_MS);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('ends the back-off after a server error', async () => {
		quota.setLimitsForTests({ retryPolicy: { backoffBaseMs: 20_000, backoffMaxMs: 20_000 } });
		sandbox.fault({ status: 500 });

		const { result, stopTookMs } = await runAndStop();

		expect(result.status).toBe('canceled');
		expect(stopTookMs).toBeLessThan(ENDS_WITHIN_MS);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('ends a call Awin is slow to answer', async () => {
		sandbox.fault({ delayMs: 20_000 });

		const { result, stopTookMs } = await runAndStop();

		expect(result.status).toBe('canceled');
		expect(stopTookMs).toBeLessThan(ENDS_WITHIN_MS);
		expect(sandbox.requests).toHaveLength(1);
	});
});

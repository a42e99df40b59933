/**
 * A year of transactions with Awin's real quota (20 calls per minute, node and sandbox alike):
 * 12 calls of at most 31 days, contiguous, no 429, every transaction exactly once.
 */
import { DateTime } from 'luxon';

import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { transactionsBetween } from '../sandbox/routes/transactions.ts';

const FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

let sandbox: AwinSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

test('a 365-day pull is 12 contiguous calls without a 429, and every transaction comes once', async () => {
	const workflow = workflowOf(
		awinNode({
			resource: 'transaction',
			operation: 'getMany',
			accountType: 'advertiser',
			advertiserId: { __rl: true, mode: 'list', value: '10001' },
			startDate: '2023-01-01T00:00:00',
			endDate: '2023-12-31',
			timezone: 'UTC',
			returnAll: true,
		}),
	);
	const started = Date.now();
	const run = await runWorkflow(workflow, { credentials: credentialsFor(sandbox) });
	const wallMs = Date.now() - started;

	expect(run.status).toBe('success');
	const calls = sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/?$/);
	expect(calls).toHaveLength(12);
	expect(calls.map((c) => c.status)).toEqual(new Array(12).fill(200));
	expect(sandbox.requests).toHaveLength(12);

	// Contiguous at second precision: each window starts one second after the previous one ends.
	expect(calls[0].query.startDate).toBe('2023-01-01T00:00:00');
	expect(calls[11].query.endDate).toBe('2023-12-31T23:59:59');
	for (let i = 0; i < calls.length; i++) {
		const start = DateTime.fromFormat(calls[i].query.startDate, FORMAT, { zone: 'UTC' });
		const end = DateTime.fromFormat(calls[i].query.endDate, FORMAT, { zone: 'UTC' });
		expect(end.diff(start).as('days')).toBeLessThanOrEqual(31);
		expect(calls[i].query.timezone).toBe('UTC');
		if (i > 0) {
			const previousEnd = DateTime.fromFormat(calls[i - 1].query.endDate, FORMAT, { zone: 'UTC' });
			expect(start.diff(previousEnd).as('seconds')).toBe(1);
		}
	}

	const expected = transactionsBetween(
		'advertiser',
		10001,
		Date.UTC(2023, 0, 1),
		Date.UTC(2023, 11, 31, 23, 59, 59),
	).map((t) => t.id);
	const ids = run.output('Awin').map((item) => item.json.id);
	expect(expected.length).toBeGreaterThan(365 * 2);
	expect(ids).toHaveLength(expected.length);
	expect(new Set(ids).size).toBe(ids.length);
	expect([...ids].sort()).toEqual([...expected].sort());
	// The generator puts a sale at 00:00:00 and 23:59:59 every day: the window borders hold them.
	expect(run.output('Awin').some((i) => i.json.transactionDate === '2023-02-01T00:00:00')).toBe(
		true,
	);
	expect(run.output('Awin').some((i) => i.json.transactionDate === '2023-01-31T23:59:59')).toBe(
		true,
	);

	console.log(
		`365-day pull: ${calls.length} calls, ${ids.length} transactions, ${wallMs} ms wall time`,
	);
});

/**
 * Attacks on reads: Awin, or a proxy in front of it, answers 200 with a
 * body that is not Awin's answer. Before, such a body counted as "no rows" and the read succeeded
 * with a window's transactions missing. Each test: the answer given, and the outcome asserted.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import { accountsWorkflow, items } from '../client/support.ts';

const QUOTA = { limit: 1_000, windowMs: 60_000 };
const FAST = { backoffBaseMs: 10, backoffMaxMs: 20 };

let sandbox: AwinSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	setLimitsForTests({ quotas: { bearer: QUOTA }, retryPolicy: FAST });
});

const TRANSACTIONS = /^\/advertisers\/10001\/transactions\/?$/;
const MAINTENANCE_PAGE =
	'<html><head><title>Down for maintenance</title></head><body>Back soon</body></html>';
const TRUNCATED_JSON = {
	status: 200,
	body: '[{"id":1,"advertiserId":10001,"commissionSta',
	headers: { 'content-type': 'application/json' },
};

function transactionsOverTwoWindows(options: INodeParameters = {}) {
	return workflowOf(
		awinNode({
			resource: 'transaction',
			operation: 'getMany',
			returnAll: true,
			accountType: 'advertiser',
			advertiserId: { __rl: true, mode: 'id', value: '10001' },
			startDate: '2024-03-01T00:00:00',
			endDate: '2024-04-20T00:00:00',
			timezone: 'UTC',
			options,
		}),
	);
}

describe('a 200 that is not Awin\'s answer is never "no rows"', () => {
	test('Transaction > Get Many, 200 HTML maintenance page on every try: fails naming the endpoint and the window', async () => {
		sandbox.fault({ path: TRANSACTIONS, status: 200, body: MAINTENANCE_PAGE, times: 10 });

		const run = await runWorkflow(transactionsOverTwoWindows({ maxTries: 3 }), {
			credentials: credentialsFor(sandbox),
		});

		expect(run.status).toBe('error');
		const error = run.nodes.Awin.error;
		expect(error?.message).toContain('GET /advertisers/10001/transactions');
		expect(error?.message).toContain('window 2024-03-01T00:00:00 to');
		expect(error?.message).toContain('an HTML page');
		expect(sandbox.requestsTo(TRANSACTIONS)).toHaveLength(3);
	});

	test('Transaction > Get Many, 200 truncated JSON on every try: fails, no output item', async () => {
		sandbox.fault({ path: TRANSACTIONS, ...TRUNCATED_JSON, times: 10 });

		const run = await runWorkflow(transactionsOverTwoWindows({ maxTries: 2 }), {
			credentials: credentialsFor(sandbox),
		});

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/incomplete or not from Awin .*not complete JSON/,
		);
		expect(run.nodes.Awin.outputs?.[0] ?? []).toHaveLength(0);
	});

	test('Transaction > Get Many, one truncated answer then good ones: retried like a 5xx, every transaction present', async () => {
		const clean = await runWorkflow(transactionsOverTwoWindows(), {
			credentials: credentialsFor(sandbox),
		});
		const expected = clean.output('Awin').map((i) => i.json.id);
		expect(expected.length).toBeGreaterThan(0);
		sandbox.reset();
		sandbox.fault({ path: TRANSACTIONS, ...TRUNCATED_JSON });

		const run = await runWorkflow(transactionsOverTwoWindows(), {
			credentials: credentialsFor(sandbox),
		});

		expect(run.status).toBe('success');
		expect(run.output('Awin').map((i) => i.json.id)).toEqual(expected);
	});

	test('Account > Get Many, 200 with an empty body: fails instead of listing no accounts', async () => {
		sandbox.fault({ status: 200, body: '', times: 10 });

		const run = await runWorkflow(accountsWorkflow({ maxTries: 2 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('all') },
		});

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(/GET \/accounts.*an empty body/);
	});

	test('Account > Get Many, 200 JSON without the accounts list: fails naming the missing field', async () => {
		sandbox.fault({ status: 200, body: { userId: 1 }, times: 10 });

		const run = await runWorkflow(accountsWorkflow({ maxTries: 1 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('all') },
		});

		expect(run.nodes.Awin.error?.message).toContain('no "accounts"');
	});
});

import type { AwinSandbox } from './harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from './harness/index.ts';
import { SANDBOX_ACCOUNTS } from './sandbox/routes/accounts.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const accountsWorkflow = (accountType = 'all') =>
	workflowOf(
		awinNode({ resource: 'account', operation: 'getMany', accountTypeFilter: accountType }),
	);

describe('Account > Get Many', () => {
	test('lists the accounts with the Bearer token, one item per account, paired to the input item', async () => {
		const run = await runWorkflow(accountsWorkflow(), { credentials: credentialsFor(sandbox) });

		expect(run.status).toBe('success');
		const calls = sandbox.requestsTo(/^\/accounts$/);
		expect(calls).toHaveLength(1);
		expect(calls[0].method).toBe('GET');
		expect(calls[0].headers.authorization).toBe(
			`Bearer ${credentialsFor(sandbox).awinApi.apiToken}`,
		);
		expect(calls[0].query).toEqual({});

		const items = run.output('Awin');
		expect(items.map((i) => i.json.accountId)).toEqual(SANDBOX_ACCOUNTS.map((a) => a.accountId));
		expect(items[0].json).toMatchObject({
			accountName: 'Demo Shop UK',
			accountType: 'advertiser',
			userId: 555001,
		});
		for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('filters by account type with ?type=', async () => {
		const run = await runWorkflow(accountsWorkflow('publisher'), {
			credentials: credentialsFor(sandbox),
		});
		expect(sandbox.requests[0].query).toEqual({ type: 'publisher' });
		expect(run.output('Awin').map((i) => i.json.accountType)).toEqual(['publisher']);
	});

	test('several input items make one call, and each item gets its own paired copies', async () => {
		const run = await runWorkflow(accountsWorkflow('advertiser'), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: [{ json: { a: 1 } }, { json: { a: 2 } }] },
		});
		expect(sandbox.requests).toHaveLength(1);
		const items = run.output('Awin');
		expect(items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	test('a wrong token stops the node with a NodeApiError that never contains the token', async () => {
		const wrongToken = 'wrong-token-9d8c7b6a5f4e3d2c';
		const run = await runWorkflow(accountsWorkflow(), {
			credentials: credentialsFor(sandbox, { apiToken: wrongToken }),
		});

		expect(run.status).toBe('error');
		const error = run.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toMatch(/rejected the credentials/);
		expect(run.output('Awin')).toHaveLength(0);
		expect(run.serialized).not.toContain(wrongToken);
		// Sent, so the sandbox saw it; the point is that n8n's stored execution does not.
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${wrongToken}`);
	});

	test('with Continue On Fail the error becomes an item paired to its input, still without the token', async () => {
		const wrongToken = 'wrong-token-1a2b3c4d5e6f7a8b';
		const workflow = workflowOf(
			awinNode({ resource: 'account', operation: 'getMany' }, { onError: 'continueRegularOutput' }),
		);
		const run = await runWorkflow(workflow, {
			credentials: credentialsFor(sandbox, { apiToken: wrongToken }),
		});

		expect(run.status).toBe('success');
		const [item] = run.output('Awin');
		expect(item.json.error).toMatch(/rejected the credentials/);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(run.serialized).not.toContain(wrongToken);
	});
});

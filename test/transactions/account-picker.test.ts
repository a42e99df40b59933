/**
 * The account pickers of Transaction and Report operations, called the way the n8n editor calls
 * them: n8n-core's LoadOptionsContext for the node, with the credential the node has.
 */
import type { IWorkflowBase } from 'n8n-workflow';

import {
	additionalData,
	awinNode,
	buildWorkflow,
	credentialsFor,
	nodeTypes,
	workflowOf,
} from '../harness/index.ts';
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import { useSandbox } from '../client/support.ts';

const sandbox = useSandbox();

async function search(
	method: 'searchAdvertiserAccounts' | 'searchPublisherAccounts',
	filter?: string,
	apiToken?: string,
) {
	const node = awinNode({
		resource: 'transaction',
		operation: 'getMany',
		accountType: 'advertiser',
	});
	const json = workflowOf(node);
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		...json,
		id: 'test',
	} as unknown as IWorkflowBase);
	const context = new LoadOptionsContext(
		buildWorkflow(json),
		node,
		additionalData(credentialsFor(sandbox, { apiToken }), hooks),
		'parameters.advertiserId',
	);
	const listSearch = nodeTypes['n8n-nodes-awin.awin'].methods?.listSearch ?? {};
	return await listSearch[method].call(context, filter);
}

describe('account picker (resource locator list mode)', () => {
	test('advertiser picker lists the advertiser accounts from GET /accounts?type=advertiser', async () => {
		const { results } = await search('searchAdvertiserAccounts');
		expect(results).toEqual([
			{ name: 'Demo Shop UK (10001)', value: '10001' },
			{ name: 'Demo Shop DE (10002)', value: '10002' },
		]);
		expect(sandbox.requests.map((r) => [r.path, r.query])).toEqual([
			['/accounts', { type: 'advertiser' }],
		]);
		expect(sandbox.requests[0].headers.authorization).toBe(
			`Bearer ${credentialsFor(sandbox).awinApi.apiToken}`,
		);
	});

	test('the search box filters by name or id', async () => {
		expect(
			(await search('searchAdvertiserAccounts', 'Shop DE')).results.map((r) => r.value),
		).toEqual(['10002']);
		expect((await search('searchAdvertiserAccounts', '10001')).results.map((r) => r.value)).toEqual(
			['10001'],
		);
	});

	test('publisher picker lists the publisher accounts', async () => {
		const { results } = await search('searchPublisherAccounts');
		expect(results).toEqual([{ name: 'Cashback Club (20001)', value: '20001' }]);
		expect(sandbox.requests[0].query).toEqual({ type: 'publisher' });
	});

	test('a wrong token makes the picker fail with a message that does not contain the token', async () => {
		const wrong = 'wrong-token-0a1b2c3d4e5f6a7b';
		const error = (await search('searchAdvertiserAccounts', undefined, wrong).catch(
			(e: unknown) => e,
		)) as Error;
		expect(error.message).toMatch(/rejected the credentials/);
		expect(
			JSON.stringify({
				...error,
				message: error.message,
				description: (error as { description?: string }).description,
			}),
		).not.toContain(wrong);
	});
});

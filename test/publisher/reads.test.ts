import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { SANDBOX_PUBLISHERS, commissionGroupsOf } from '../sandbox/routes/publisher.ts';
import { ADVERTISER, PUBLISHER, useSandbox } from './setup.ts';

const env = useSandbox();
const run = (parameters: Record<string, unknown>, items = [{ json: {} }], extra = {}) =>
	runWorkflow(workflowOf(awinNode(parameters as never, extra)), {
		credentials: credentialsFor(env.sandbox),
		start: { node: 'Start', items },
	});

describe('Programme > Get Many', () => {
	test('lists joined programmes by default, one item per programme, with the Bearer token', async () => {
		const result = await run({
			resource: 'programme',
			operation: 'getMany',
			publisherId: PUBLISHER,
		});

		expect(result.status).toBe('success');
		const [call] = env.sandbox.requests;
		expect(env.sandbox.requests).toHaveLength(1);
		expect(call.method).toBe('GET');
		expect(call.path).toBe('/publishers/20001/programmes');
		expect(call.query).toEqual({ relationship: 'joined' });
		expect(call.headers.authorization).toBe(
			`Bearer ${credentialsFor(env.sandbox).awinApi.apiToken}`,
		);
		const items = result.output('Awin');
		expect(items.map((i) => i.json.id)).toEqual([1001, 1002, 1003]);
		expect(items[0].json).toMatchObject({
			name: 'Demo Shoes UK',
			primaryRegion: { countryCode: 'GB' },
			currencyCode: 'GBP',
		});
		for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('filters by relationship and country (upper-cased)', async () => {
		const result = await run({
			resource: 'programme',
			operation: 'getMany',
			publisherId: PUBLISHER,
			relationship: 'notjoined',
			countryCode: 'gb',
		});
		expect(env.sandbox.requests[0].query).toEqual({ relationship: 'notjoined', countryCode: 'GB' });
		expect(result.output('Awin').map((i) => i.json.name)).toEqual(['Fashion Hub UK']);
	});

	test('each item runs its own query; items asking the same thing share one call', async () => {
		const result = await run(
			{
				resource: 'programme',
				operation: 'getMany',
				publisherId: PUBLISHER,
				relationship: '={{ $json.relationship }}',
			},
			[
				{ json: { relationship: 'pending' } },
				{ json: { relationship: 'suspended' } },
				{ json: { relationship: 'pending' } },
			],
		);
		expect(env.sandbox.requests.map((r) => r.query.relationship)).toEqual(['pending', 'suspended']);
		expect(result.output('Awin').map((i) => [i.json.id, i.pairedItem])).toEqual([
			[1004, { item: 0 }],
			[1006, { item: 1 }],
			[1004, { item: 2 }],
		]);
	});

	test('a country code that is not two letters fails the item, naming it and the field, and is not sent', async () => {
		const result = await run({
			resource: 'programme',
			operation: 'getMany',
			publisherId: PUBLISHER,
			countryCode: 'GBR',
		});
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "Country Code" must be a two-letter country code such as GB, got "GBR"$/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Programme > Get', () => {
	test('reads programme info, KPIs and commission range as one item', async () => {
		const result = await run({
			resource: 'programme',
			operation: 'get',
			publisherId: PUBLISHER,
			advertiserId: 1001,
		});

		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/publishers/20001/programmedetails', { advertiserId: '1001' }],
		]);
		const [item] = result.output('Awin');
		expect(Object.keys(item.json).sort()).toEqual(['commissionRange', 'kpi', 'programmeInfo']);
		expect(item.json).toMatchObject({ programmeInfo: { id: 1001 }, kpi: { validationDays: 30 } });
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('takes the advertiser ID from an expression, also when the item holds it as text', async () => {
		const result = await run(
			{
				resource: 'programme',
				operation: 'get',
				publisherId: PUBLISHER,
				advertiserId: '={{ $json.mid }}',
			},
			[{ json: { mid: '1002' } }, { json: { mid: 1003 } }],
		);
		expect(env.sandbox.requests.map((r) => r.query.advertiserId)).toEqual(['1002', '1003']);
		expect(
			result.output('Awin').map((i) => [(i.json.programmeInfo as { id: number }).id, i.pairedItem]),
		).toEqual([
			[1002, { item: 0 }],
			[1003, { item: 1 }],
		]);
	});

	test('no relationship with the advertiser (403) stops the node with a NodeApiError that says so', async () => {
		const result = await run({
			resource: 'programme',
			operation: 'get',
			publisherId: PUBLISHER,
			advertiserId: 1005,
		});

		expect(result.status).toBe('error');
		const error = result.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toMatch(/refused access \(403\)/);
		expect(error?.description).toMatch(/no active relationship with advertiser 1005/);
		expect(error?.description).toMatch(/only shown for advertisers publisher 20001 has joined/);
		expect(result.serialized).not.toContain(credentialsFor(env.sandbox).awinApi.apiToken);
	});

	test('with Continue On Fail, the refused item becomes an error item and the others still come out', async () => {
		const result = await run(
			{
				resource: 'programme',
				operation: 'get',
				publisherId: PUBLISHER,
				advertiserId: '={{ $json.mid }}',
			},
			[{ json: { mid: 1005 } }, { json: { mid: 1001 } }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		const [refused, read] = result.output('Awin');
		expect(refused.pairedItem).toEqual({ item: 0 });
		expect(refused.json.error).toMatch(/403/);
		expect(refused.json).toMatchObject({ httpCode: '403' });
		expect(refused.json.errorDetails).toMatch(/no active relationship/);
		expect(read.pairedItem).toEqual({ item: 1 });
		expect(read.json.programmeInfo).toMatchObject({ id: 1001 });
	});

	test('an advertiser ID that is not a positive number fails before anything is sent', async () => {
		const result = await run(
			{
				resource: 'programme',
				operation: 'get',
				publisherId: PUBLISHER,
				advertiserId: '={{ $json.mid }}',
			},
			[{ json: { mid: 'shoes' } }],
		);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "Advertiser ID" must be an Awin ID \(a whole number above 0\), got "shoes"$/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Commission Group > Get Many', () => {
	test('one item per commission group of the advertiser, with the advertiser and publisher IDs', async () => {
		const result = await run({
			resource: 'commissionGroup',
			operation: 'getMany',
			publisherId: PUBLISHER,
			advertiserId: 1001,
		});

		expect(env.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/publishers/20001/commissiongroups', { advertiserId: '1001' }],
		]);
		const items = result.output('Awin');
		expect(items.map((i) => i.json)).toEqual(
			commissionGroupsOf(1001).map((group) => ({
				advertiserId: 1001,
				publisherId: 20001,
				...group,
			})),
		);
		for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('a programme not joined (403) becomes a clear NodeApiError', async () => {
		const result = await run({
			resource: 'commissionGroup',
			operation: 'getMany',
			publisherId: PUBLISHER,
			advertiserId: 1004,
		});
		expect(result.nodes.Awin.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
		expect(result.nodes.Awin.error?.description).toMatch(
			/no active relationship with advertiser 1004.*has joined/,
		);
	});
});

describe('Publisher > Get Many', () => {
	test('lists the publishers of the advertiser account, one item each', async () => {
		const result = await run({
			resource: 'publisher',
			operation: 'getMany',
			advertiserId: ADVERTISER,
		});

		expect(env.sandbox.requests.map((r) => [r.method, r.path])).toEqual([
			['GET', '/advertisers/10001/publishers'],
		]);
		expect(result.output('Awin').map((i) => i.json)).toEqual(SANDBOX_PUBLISHERS['10001']);
	});

	test('an advertiser account the token cannot reach gives a 403 NodeApiError', async () => {
		const result = await run({
			resource: 'publisher',
			operation: 'getMany',
			advertiserId: { __rl: true, mode: 'id', value: '19999' },
		});
		expect(result.nodes.Awin.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
		expect(result.nodes.Awin.error?.description).toMatch(/no access to advertiser account 19999/);
	});
});

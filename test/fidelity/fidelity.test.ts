/**
 * Issue 15: the node says and sends what Awin's pages say (see docs/awin-api.md for the quotes).
 * Through the real n8n engine against the sandbox.
 */
import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../client/support.ts';
import { awinNode, credentialsFor, nodeTypes, runWorkflow, workflowOf } from '../harness/index.ts';
import { builtLimits } from '../harness/limits.ts';
import { SANDBOX_SECRETS } from '../sandbox/server.ts';
import { asItems, conversionNode, SEED_003_ORDER, TEST_QUOTAS } from '../orders/setup.ts';

const QUOTA = { limit: 1_000, windowMs: 60_000 };
const QUOTAS = { ...TEST_QUOTAS, bearer: QUOTA };

const sandbox = useSandbox({ quotas: QUOTAS }, { quotas: QUOTAS, retryPolicy: { maxTries: 1 } });

const ORDERS_PATH = /^\/s2s\/advertiser\/\d+\/orders$/;

describe('one Awin API credential serves the Conversion API (Awin: x-api-key is "<your token>")', () => {
	test('a new node (1.1) sends the personal token of the Awin API credential as x-api-key; no Conversion credential needed', async () => {
		const node = conversionNode(
			{},
			{ typeVersion: 1.1, credentials: { awinApi: { id: '1', name: 'Awin API' } } },
		);
		const onlyToken = { awinApi: credentialsFor(sandbox).awinApi };
		const run = await runWorkflow(workflowOf(node), {
			credentials: onlyToken,
			start: { node: 'Start', items: asItems([SEED_003_ORDER]) },
		});

		expect(run.status).toBe('success');
		const [call] = sandbox.requestsTo(ORDERS_PATH, 'POST');
		expect(call.headers['x-api-key']).toBe(SANDBOX_SECRETS.apiToken);
		expect(call.status).toBe(200);
		expect(run.output('Awin')[0].json).toMatchObject({
			status: 'registered',
			orderReference: '#1100011',
		});
	});

	test('a node saved as version 1 keeps its Awin Conversion API credential (a separate key still works)', async () => {
		const run = await runWorkflow(workflowOf(conversionNode()), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([SEED_003_ORDER]) },
		});
		expect(run.status).toBe('success');
		expect(sandbox.requestsTo(ORDERS_PATH, 'POST')[0].headers['x-api-key']).toBe(
			SANDBOX_SECRETS.apiKey,
		);
	});

	test('version 1.1 can still choose the separate key', async () => {
		const node = conversionNode({ authentication: 'awinConversionApi' }, { typeVersion: 1.1 });
		const run = await runWorkflow(workflowOf(node), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([SEED_003_ORDER]) },
		});
		expect(run.status).toBe('success');
		expect(sandbox.requestsTo(ORDERS_PATH, 'POST')[0].headers['x-api-key']).toBe(
			SANDBOX_SECRETS.apiKey,
		);
	});
});

const run = async (params: INodeParameters) =>
	await runWorkflow(workflowOf(awinNode(params)), { credentials: credentialsFor(sandbox) });

describe('reports offer what each Awin page lists', () => {
	/** A report of advertiser 10001 for January 2024, with the parameters under test. */
	const januaryReport = async (operation: string, parameters: INodeParameters) =>
		await run({
			resource: 'report',
			operation,
			returnAll: true,
			accountType: 'advertiser',
			advertiserId: { __rl: true, mode: 'list', value: '10001' },
			startDate: '2024-01-01T00:00:00',
			endDate: '2024-01-31T00:00:00',
			...parameters,
		});

	test('creative report sends dateType (Awin: transaction | validation) beside the required region', async () => {
		const result = await januaryReport('getCreativePerformance', {
			region: 'DE',
			dateType: 'validation',
		});
		expect(result.status).toBe('success');
		expect(sandbox.requests[0].query).toMatchObject({ region: 'DE', dateType: 'validation' });
	});

	test('campaign report sends includeNumbersWithoutCampaign when asked', async () => {
		const result = await januaryReport('getCampaignPerformance', {
			filters: { includeNumbersWithoutCampaign: true },
		});
		expect(result.status).toBe('success');
		expect(sandbox.requests[0].query).toMatchObject({ includeNumbersWithoutCampaign: 'true' });
	});

	test("advertiser campaign report never sends region (Awin's page lists none), even from an older saved filter", async () => {
		const result = await januaryReport('getCampaignPerformance', { filters: { region: 'GB' } });
		expect(result.status).toBe('success');
		expect(sandbox.requests[0].query).not.toHaveProperty('region');
	});
});

describe('Region lists: each report offers the codes its Awin page lists', () => {
	const regionsOf = (operation: string) =>
		nodeTypes['n8n-nodes-awin.awin'].description.properties
			.filter(
				(p) =>
					p.name === 'region' &&
					(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
			)
			.flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));

	test('campaign report: the 46 codes of its page ("AE AR AT ... US ZA"); the other reports: their 20', () => {
		const { AWIN_CAMPAIGN_REGIONS, AWIN_REGIONS } = builtLimits();
		expect(regionsOf('getCampaignPerformance')).toEqual([...AWIN_CAMPAIGN_REGIONS]);
		expect(AWIN_CAMPAIGN_REGIONS).toHaveLength(46);
		expect(AWIN_CAMPAIGN_REGIONS).toEqual(
			expect.arrayContaining(['AE', 'AR', 'JP', 'NZ', 'ZA', 'BU', 'GB', 'US']),
		);
		expect(regionsOf('getAdvertiserPerformance')).toEqual([...AWIN_REGIONS]);
		expect(regionsOf('getCreativePerformance')).toEqual([...AWIN_REGIONS]);
		expect(AWIN_REGIONS).toHaveLength(20);
	});
});

describe('Programme > Get Many: relationship is optional on Awin', () => {
	const programmes = (params: INodeParameters) =>
		run({
			resource: 'programme',
			operation: 'getMany',
			publisherId: { __rl: true, mode: 'list', value: '20001' },
			...params,
		});

	test('"All" sends no relationship and lists every programme, with includeHidden when asked', async () => {
		const all = await programmes({ relationship: 'all', includeHidden: true });
		expect(all.status).toBe('success');
		expect(sandbox.requests[0].query).toEqual({ includeHidden: 'true' });
		sandbox.reset();
		const joined = await programmes({ relationship: 'joined' });
		expect(sandbox.requests[0].query).toEqual({ relationship: 'joined' });
		expect(all.output('Awin').length).toBeGreaterThan(joined.output('Awin').length);
	});
});

describe('Transaction > Get Many with Simplify keeps what reconciliation needs', () => {
	test('networkFee, advertiserCost, customerAcquisition, campaign, paymentId, lapseTime, url, trackedParts', async () => {
		const params = {
			resource: 'transaction',
			operation: 'getMany',
			accountType: 'advertiser',
			advertiserId: { __rl: true, mode: 'list', value: '10001' },
			startDate: '2024-06-01T00:00:00',
			endDate: '2024-06-07T00:00:00',
			returnAll: true,
		};
		const raw = (await run(params)).output('Awin');
		const flat = (await run({ ...params, simplify: true })).output('Awin');
		expect(flat.length).toBe(raw.length);
		expect(raw.length).toBeGreaterThan(0);
		raw.forEach(({ json }, index) => {
			const money = (value: unknown) => value as { amount: number; currency: string };
			expect(flat[index].json).toMatchObject({
				networkFee: money(json.networkFee).amount,
				networkFeeCurrency: money(json.networkFee).currency,
				advertiserCost: money(json.advertiserCost).amount,
				advertiserCostCurrency: money(json.advertiserCost).currency,
				customerAcquisition: json.customerAcquisition,
				campaign: json.campaign,
				paymentId: json.paymentId,
				lapseTime: json.lapseTime,
				url: json.url,
				trackedParts: JSON.stringify(json.trackedParts),
			});
		});
	});
});

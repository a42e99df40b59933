import { shortLinkQuota } from '../sandbox/routes/publicLinksTerms.ts';
import { ADVERTISER, PUBLISHER, usePublicSandbox } from './setup.ts';
import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

const env = usePublicSandbox();
beforeEach(() => shortLinkQuota(env.sandbox, 100));
const run = (
	parameters: Record<string, unknown>,
	items: Array<{ json: IDataObject }> = [{ json: {} }],
	extra = {},
) =>
	runWorkflow(workflowOf(awinNode(parameters as INodeParameters, extra)), {
		credentials: credentialsFor(env.sandbox),
		start: { node: 'Start', items },
	});

describe('Programme Terms > Get Many', () => {
	const terms = (advertiserIds: string) => ({
		resource: 'programmeTerms',
		operation: 'getMany',
		publisherId: PUBLISHER,
		advertiserIds,
	});

	test('reads the terms of the advertisers named, one item each; an advertiser without terms is left out', async () => {
		const result = await run(terms('10002, 10001, 19999, 10001'));
		expect(env.sandbox.requests).toHaveLength(1);
		expect(env.sandbox.requests[0].path).toBe('/public/v1/publishers/20001/advertiser-terms');
		expect(env.sandbox.requests[0].query).toEqual({ advertiserId: '10001,10002,19999' });
		expect(result.output('Awin').map((i) => i.json.advertiserId)).toEqual([10001, 10002]);
		expect(result.output('Awin')[0].json).toMatchObject({
			deduplication: 'LAST_CLICK',
			partnerTypes: ['Content', 'Cashback'],
		});
	});

	test('more than 50 advertisers go in calls of 50', async () => {
		const ids = Array.from({ length: 120 }, (_, n) => String(10_001 + n)).join(',');
		const result = await run(terms(ids));
		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => r.query.advertiserId.split(',').length)).toEqual([
			50, 50, 20,
		]);
		expect(result.output('Awin').map((i) => i.json.advertiserId)).toEqual([10001, 10002, 10003]);
	});

	test('an ID that is not a number is refused before any call', async () => {
		const result = await run(terms('10001, 10002&x=1'));
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "Advertiser IDs" must be Awin IDs \(numbers\)/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Tracking Link > Create', () => {
	const link = (extra: Record<string, unknown> = {}) => ({
		resource: 'trackingLink',
		operation: 'create',
		advertiserId: ADVERTISER,
		destinationUrl: 'https://shop.example/summer',
		...extra,
	});

	test('creates a tracking link for a joined publisher, with a short link', async () => {
		const result = await run(link({ linkPublisherId: '20001', shorten: true }));
		expect(env.sandbox.requests[0].path).toBe('/public/v1/advertisers/10001/tracking-links');
		expect(env.sandbox.requests[0].body).toEqual({
			destinationUrl: 'https://shop.example/summer',
			publisherId: 20001,
			shorten: true,
		});
		expect(result.output('Awin')[0].json).toMatchObject({
			advertiserId: '10001',
			shortUrl: expect.stringMatching(/^https:\/\/tidd\.ly\//),
		});
	});

	test("a used-up short link quota fails the item with Awin's code, not retried", async () => {
		shortLinkQuota(env.sandbox, 0);
		const result = await run(link({ shorten: true }));
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toBe(
			'Awin refused the call: a quota is used up (429 LINK_SHORTENER_QUOTA_EXCEEDED); it resets in 60 min',
		);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test("a publisher not joined to the programme: 422 with Awin's words", async () => {
		const result = await run(link({ linkPublisherId: '29999' }));
		expect(result.nodes.Awin.error?.httpCode).toBe('422');
		expect(result.nodes.Awin.error?.description).toMatch(/not actively joined/);
	});

	test('a destination that is not a web address is refused before any call', async () => {
		const result = await run(link({ destinationUrl: 'javascript:alert(1)' }));
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "Destination URL" must be a web address/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

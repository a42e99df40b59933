import type { INodeExecutionData } from 'n8n-workflow';

import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { shortUrl, trackingUrl } from '../sandbox/routes/publisher.ts';
import { PUBLISHER, useSandbox } from './setup.ts';

const env = useSandbox();

/** Products as a shop feed would give them; advertisers 1001 and 1002 are joined and allow deep links. */
const products = (count: number) =>
	Array.from({ length: count }, (_, i) => ({
		json: {
			sku: `SKU-${i}`,
			advertiserId: i % 2 === 0 ? 1001 : 1002,
			url: `https://www.${i % 2 === 0 ? 'demoshoes.co.uk' : 'demotech.de'}/p/${i}`,
		},
	}));

const generate = (parameters: Record<string, unknown> = {}, extra = {}) =>
	workflowOf(
		awinNode(
			{
				resource: 'link',
				operation: 'generate',
				publisherId: PUBLISHER,
				advertiserId: '={{ $json.advertiserId }}',
				destinationUrl: '={{ $json.url }}',
				clickParameters: { campaign: 'feed', clickref: '={{ $json.sku }}' },
				...parameters,
			} as never,
			extra,
		),
	);

const run = (workflow: ReturnType<typeof generate>, items: INodeExecutionData[]) =>
	runWorkflow(workflow, {
		credentials: credentialsFor(env.sandbox),
		start: { node: 'Start', items },
	});

describe('Link > Generate', () => {
	test('250 items make 3 batch calls (100, 100, 50) and every link goes back to its own item', async () => {
		const items = products(250);
		const result = await run(generate(), items);

		expect(result.status).toBe('success');
		const calls = env.sandbox.requestsTo(/linkbuilder/);
		expect(calls.map((c) => [c.method, c.path])).toEqual(
			Array(3).fill(['POST', '/publishers/20001/linkbuilder/generate-batch']),
		);
		const sent = calls.map((c) => (c.body as { requests: unknown[] }).requests);
		expect(sent.map((r) => r.length)).toEqual([100, 100, 50]);
		expect(sent.flat()[137]).toEqual({
			advertiserId: 1002,
			destinationUrl: 'https://www.demotech.de/p/137',
			parameters: { campaign: 'feed', clickref: 'SKU-137' },
		});

		const output = result.output('Awin');
		expect(output).toHaveLength(250);
		output.forEach((item, i) => {
			const { advertiserId, url, sku } = items[i].json as {
				advertiserId: number;
				url: string;
				sku: string;
			};
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toEqual({
				advertiserId,
				destinationUrl: url,
				parameters: { campaign: 'feed', clickref: sku },
				trackingUrl: trackingUrl('20001', {
					advertiserId,
					destinationUrl: url,
					parameters: { campaign: 'feed', clickref: sku },
				}),
			});
		});
	});

	test('a link Awin refuses inside a batch fails only its item (Continue On Fail)', async () => {
		const items = [
			...products(2),
			// Garden World does not allow deep links; Fashion Hub is not joined.
			{ json: { sku: 'G-1', advertiserId: 1003, url: 'https://www.gardenworld.co.uk/p/1' } },
			{ json: { sku: 'F-1', advertiserId: 1005, url: 'https://www.fashionhub.co.uk/p/1' } },
			{ json: { sku: 'G-2', advertiserId: 1003, url: '' } },
		];
		const result = await run(generate({}, { onError: 'continueRegularOutput' }), items);

		expect(result.status).toBe('success');
		expect(env.sandbox.requestsTo(/generate-batch/)).toHaveLength(1);
		const output = result.output('Awin');
		expect(output.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(output[0].json.trackingUrl).toContain('awinmid=1001');
		expect(output[1].json.trackingUrl).toContain('awinmid=1002');
		// Without a destination, Garden World's default landing page works.
		expect(output[4].json.trackingUrl).toBe(
			trackingUrl('20001', {
				advertiserId: 1003,
				parameters: { campaign: 'feed', clickref: 'G-2' },
			}),
		);

		expect(output[2].json).toMatchObject({ httpCode: '400' });
		expect(output[2].json.error).toBe('Awin could not build a link for advertiser 1003 (400)');
		expect(output[2].json.errorDetails).toMatch(
			/deeplinkNotPermitted.*leave Destination URL empty/,
		);
		expect(output[3].json).toMatchObject({ httpCode: '403' });
		expect(output[3].json.errorDetails).toMatch(
			/no active relationship with advertiser 1005.*joined advertiser 1005's programme/,
		);
	});

	test('without Continue On Fail, a refused link stops the node with an error naming the failed items', async () => {
		const items = [
			...products(1),
			{ json: { sku: 'F-1', advertiserId: 1005, url: '' } },
			{ json: { sku: 'F-2', advertiserId: 1005, url: '' } },
		];
		const result = await run(generate(), items);

		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
		expect(result.nodes.Awin.error?.message).toBe(
			'Awin could not build a link for advertiser 1005 (403)',
		);
		expect(result.nodes.Awin.error?.description).toMatch(
			/2 of 3 items failed \(items 1, 2\)\. Links were built for 1 of 3 items\./,
		);
	});

	test('answers are matched by the request Awin echoes, whatever their order', async () => {
		const items = products(3);
		const requests = items.map(({ json }) => ({
			advertiserId: json.advertiserId as number,
			destinationUrl: json.url as string,
			parameters: { campaign: 'feed', clickref: json.sku as string },
		}));
		const links = requests.map((r) => trackingUrl('20001', r));
		// Awin does not promise the order of `responses`: this answer comes back reversed, with the echo.
		env.sandbox.fault({
			path: /generate-batch/,
			status: 200,
			body: {
				responses: [2, 1, 0].map((i) => ({
					status: 200,
					body: { url: links[i] },
					request: requests[i],
				})),
			},
		});
		const result = await run(generate(), items);

		expect(result.output('Awin').map((i) => i.json.trackingUrl)).toEqual(links);
	});

	test('Short Links uses the single endpoint, one call per item, and adds shortUrl', async () => {
		const items = products(3);
		const result = await run(generate({ options: { shorten: true } }), items);

		expect(env.sandbox.requestsTo(/generate-batch/)).toHaveLength(0);
		const calls = env.sandbox.requestsTo(/linkbuilder\/generate$/, 'POST');
		expect(calls).toHaveLength(3);
		expect(calls[1].path).toBe('/publishers/20001/linkbuilder/generate');
		expect(calls[1].body).toEqual({
			advertiserId: 1002,
			destinationUrl: 'https://www.demotech.de/p/1',
			parameters: { campaign: 'feed', clickref: 'SKU-1' },
			shorten: true,
		});
		const output = result.output('Awin');
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.shortUrl).toBe(shortUrl(item.json.trackingUrl as string));
			expect(item.json.trackingUrl).toContain(`clickref=SKU-${i}`);
		});
	});

	test('Include Input Fields keeps the item and adds the link fields', async () => {
		const result = await run(
			generate({ clickParameters: {}, options: { includeInputFields: true } }),
			products(1),
		);
		expect(result.output('Awin')[0].json).toEqual({
			sku: 'SKU-0',
			advertiserId: 1001,
			url: 'https://www.demoshoes.co.uk/p/0',
			destinationUrl: 'https://www.demoshoes.co.uk/p/0',
			trackingUrl: trackingUrl('20001', {
				advertiserId: 1001,
				destinationUrl: 'https://www.demoshoes.co.uk/p/0',
			}),
		});
		expect((env.sandbox.requests[0].body as { requests: unknown[] }).requests).toEqual([
			{ advertiserId: 1001, destinationUrl: 'https://www.demoshoes.co.uk/p/0' },
		]);
	});

	test('bad items fail alone, naming the item and the field, and are never sent', async () => {
		const items = [
			...products(1),
			{ json: { sku: 'X', advertiserId: 'shoes', url: 'https://www.demoshoes.co.uk/p/x' } },
			{ json: { sku: 'Y', advertiserId: 1001, url: 'www.demoshoes.co.uk/p/y' } },
		];
		const result = await run(generate({}, { onError: 'continueRegularOutput' }), items);

		const sent = (env.sandbox.requests[0].body as { requests: Array<{ destinationUrl: string }> })
			.requests;
		expect(env.sandbox.requests).toHaveLength(1);
		expect(sent.map((r) => r.destinationUrl)).toEqual(['https://www.demoshoes.co.uk/p/0']);
		const [ok, noId, noUrl] = result.output('Awin');
		expect(ok.json.trackingUrl).toBeDefined();
		expect(noId.pairedItem).toEqual({ item: 1 });
		expect(noId.json.error).toBe(
			'Item 1: invalid link request: advertiserId: must be an Awin advertiser ID (a number)',
		);
		expect(noUrl.pairedItem).toEqual({ item: 2 });
		expect(noUrl.json.error).toMatch(
			/^Item 2: invalid link request: destinationUrl: must be a web address starting with http/,
		);
		expect(noUrl.json.errorDetails).toMatch(/Not sent to Awin/);
	});

	test('a publisher account the token cannot reach fails every item of the batch with the 403', async () => {
		const result = await run(
			generate(
				{ publisherId: { __rl: true, mode: 'id', value: '29999' } },
				{ onError: 'continueRegularOutput' },
			),
			products(2),
		);
		const output = result.output('Awin');
		expect(output.map((i) => [i.pairedItem, i.json.httpCode])).toEqual([
			[{ item: 0 }, '403'],
			[{ item: 1 }, '403'],
		]);
		expect(output[0].json.errorDetails).toMatch(/no access to publisher account 29999/);
	});

	test("the sandbox holds Awin's cap of 100 links per batch call", async () => {
		const response = await fetch(`${env.sandbox.url}/publishers/20001/linkbuilder/generate-batch`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${credentialsFor(env.sandbox).awinApi.apiToken}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ requests: Array(101).fill({ advertiserId: 1001 }) }),
		});
		expect(response.status).toBe(400);
	});
});

describe('Link > Get Quota', () => {
	test("reads the Link Builder quota in Awin's shape {publisherId, limit, usage}: usage counts short links", async () => {
		await run(generate({ options: { shorten: true } }), products(3));
		await run(generate(), products(2));
		const result = await run(
			workflowOf(awinNode({ resource: 'link', operation: 'getQuota', publisherId: PUBLISHER })),
			[{ json: {} }],
		);

		expect(env.sandbox.requestsTo(/quota/).map((r) => [r.method, r.path])).toEqual([
			['GET', '/publishers/20001/linkbuilder/quota'],
		]);
		const [item] = result.output('Awin');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({ publisherId: '20001', limit: '10000', usage: 3 });
	});
});

import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { builtLimits } from '../harness/limits.ts';
import { SANDBOX_OFFERS } from '../sandbox/routes/publisher.ts';
import { PUBLISHER, useSandbox } from './setup.ts';

const env = useSandbox();

const run = (parameters: Record<string, unknown>, items = [{ json: {} }], extra = {}) =>
	runWorkflow(
		workflowOf(
			awinNode(
				{ resource: 'offer', operation: 'getMany', publisherId: PUBLISHER, ...parameters } as never,
				extra,
			),
		),
		{
			credentials: credentialsFor(env.sandbox),
			start: { node: 'Start', items },
		},
	);

const PAGE = builtLimits().MAX_PER_CALL.offersPerPage;

const pagesAsked = () =>
	env.sandbox
		.requestsTo(/promotions/)
		.map((r) => (r.body as { pagination: { page: number; pageSize: number } }).pagination);

describe('Offer > Get Many', () => {
	test('Return All reads every page, as large as Awin takes (240 active offers: pages of 200 and 40)', async () => {
		const result = await run({ returnAll: true });

		expect(result.status).toBe('success');
		expect(PAGE).toBe(200);
		const calls = env.sandbox.requestsTo(/promotions/);
		expect(calls.map((c) => [c.method, c.path])).toEqual(
			Array(2).fill(['POST', '/publisher/20001/promotions']),
		);
		expect(calls.map((c) => c.body)).toEqual(
			[1, 2].map((page) => ({ filters: {}, pagination: { page, pageSize: PAGE } })),
		);
		const items = result.output('Awin');
		expect(items).toHaveLength(240);
		expect(new Set(items.map((i) => i.json.promotionId)).size).toBe(240);
		expect(items.map((i) => i.json.promotionId)).toEqual(
			SANDBOX_OFFERS.slice(0, 240).map((o) => o.promotionId),
		);
		expect(items[0].json).toMatchObject({
			type: 'voucher',
			advertiser: { id: 1001 },
			voucher: { code: 'SAVE1' },
		});
		for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('N offers take ceil(N / page size) calls; an exact multiple costs no extra call', async () => {
		const cases = [
			{ filters: {}, offers: 240 },
			{ filters: { advertiserIds: '1001' }, offers: 200 },
			{ filters: { advertiserIds: '1002' }, offers: 30 },
			{ filters: { advertiserIds: '1005', status: 'upcoming' }, offers: 10 },
		];
		for (const { filters, offers } of cases) {
			env.sandbox.reset();
			const result = await run({ returnAll: true, filters });
			expect(result.output('Awin')).toHaveLength(offers);
			expect(pagesAsked()).toHaveLength(Math.ceil(offers / PAGE));
		}
	});

	test('Limit returns at most that many offers, one page of that size when it fits', async () => {
		const result = await run({ returnAll: false, limit: 30 });
		expect(pagesAsked()).toEqual([{ page: 1, pageSize: 30 }]);
		expect(result.output('Awin').map((i) => i.json.promotionId)).toEqual(
			SANDBOX_OFFERS.slice(0, 30).map((o) => o.promotionId),
		);

		env.sandbox.reset();
		const more = await run({ returnAll: false, limit: 230 });
		expect(pagesAsked()).toEqual([
			{ page: 1, pageSize: PAGE },
			{ page: 2, pageSize: PAGE },
		]);
		expect(more.output('Awin')).toHaveLength(230);
	});

	test("sends the filters in Awin's form", async () => {
		const result = await run({
			returnAll: true,
			filters: {
				advertiserIds: '1005, 1002',
				exclusiveOnly: false,
				membership: 'notJoined',
				regionCodes: 'gb',
				status: 'upcoming',
				type: 'all',
				updatedSince: '2024-01-05T00:00:00',
			},
		});

		expect(env.sandbox.requests[0].body).toEqual({
			filters: {
				advertiserIds: [1005, 1002],
				exclusiveOnly: false,
				membership: 'notJoined',
				regionCodes: ['GB'],
				status: 'upcoming',
				type: 'all',
				updatedSince: '2024-01-05',
			},
			pagination: { page: 1, pageSize: PAGE },
		});
		const items = result.output('Awin');
		expect(items).toHaveLength(10);
		for (const item of items)
			expect(item.json.advertiser).toEqual({ id: 1005, name: 'Fashion Hub UK', joined: false });
	});

	test('items asking the same thing share the calls; each gets its own paired copy', async () => {
		const result = await run({ returnAll: false, limit: '={{ $json.limit }}' }, [
			{ json: { limit: 2 } },
			{ json: { limit: 2 } },
			{ json: { limit: 3 } },
		]);
		expect(env.sandbox.requestsTo(/promotions/)).toHaveLength(2);
		expect(result.output('Awin').map((i) => i.pairedItem)).toEqual(
			[0, 0, 1, 1, 2, 2, 2].map((item) => ({ item })),
		);
	});

	test('a bad region code fails the item, naming it and the field, and nothing is sent', async () => {
		const result = await run({ returnAll: true, filters: { regionCodes: 'GB, Germany' } });
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toBe(
			'Item 0: "Region Codes" must be two-letter country codes such as GB, got "Germany"',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('a 403 from Awin (publisher account out of reach) is a NodeApiError without the token', async () => {
		const result = await run({
			returnAll: true,
			publisherId: { __rl: true, mode: 'id', value: '29999' },
		});
		expect(result.nodes.Awin.error).toMatchObject({ name: 'NodeApiError', httpCode: '403' });
		expect(result.nodes.Awin.error?.description).toMatch(
			/POST \/publisher\/29999\/promotions: forbidden/,
		);
		expect(result.serialized).not.toContain(credentialsFor(env.sandbox).awinApi.apiToken);
	});
});

import { SANDBOX_SECRETS } from '../harness/index.ts';
import { MANY_PARTNERS } from '../sandbox/routes/partnerships.ts';
import { ADVERTISER, PUBLISHER, runner, usePublicSandbox, VIEWER_ADVERTISER } from './setup.ts';

const env = usePublicSandbox();
const run = runner(env);
const getMany = (parameters: Record<string, unknown>) => ({ operation: 'getMany', ...parameters });

describe('Partnership > Get Many (advertiser)', () => {
	test('lists pending applications below /public/v1 with the Bearer token, one item per publisher', async () => {
		const result = await run(
			getMany({
				accountType: 'advertiser',
				advertiserId: ADVERTISER,
				partnershipStatuses: ['APPLICATION_PENDING'],
			}),
		);

		expect(result.status).toBe('success');
		expect(env.sandbox.requests).toHaveLength(1);
		const [call] = env.sandbox.requests;
		expect(call.path).toBe('/public/v1/advertisers/10001/publishers');
		expect(call.query).toEqual({
			partnershipStatus: 'APPLICATION_PENDING',
			limit: '50',
			offset: '0',
			sort: '-partnership.statusUpdatedAt',
		});
		expect(call.headers.authorization).toBe(`Bearer ${SANDBOX_SECRETS.apiToken}`);
		const items = result.output('Awin');
		expect(items.map((i) => i.json.publisher)).toEqual([
			expect.objectContaining({ id: 30007, name: 'Coupon Corner' }),
			expect.objectContaining({ id: 30002, name: 'Travel Blog Co' }),
			expect.objectContaining({ id: 30001, name: 'Voucher Vault' }),
		]);
		for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('several statuses go comma-separated; oldest first sorts ascending', async () => {
		const result = await run(
			getMany({
				accountType: 'advertiser',
				advertiserId: ADVERTISER,
				partnershipStatuses: ['ACTIVE', 'PUBLISHER_LEFT'],
				sort: 'partnership.statusUpdatedAt',
			}),
		);
		expect(env.sandbox.requests[0].query).toMatchObject({
			partnershipStatus: 'ACTIVE,PUBLISHER_LEFT',
			sort: 'partnership.statusUpdatedAt',
		});
		expect(result.output('Awin').map((i) => (i.json.publisher as { id: number }).id)).toEqual([
			20001, 30006,
		]);
	});

	test('Return All pages to the end with pages of 1000 (a Viewer may read)', async () => {
		const result = await run(
			getMany({
				accountType: 'advertiser',
				advertiserId: VIEWER_ADVERTISER,
				partnershipStatuses: ['ACTIVE'],
				returnAll: true,
			}),
		);

		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => [r.query.limit, r.query.offset])).toEqual([
			['1000', '0'],
			['1000', '1000'],
			['1000', '2000'],
		]);
		const ids = result.output('Awin').map((i) => (i.json.publisher as { id: number }).id);
		expect(ids).toHaveLength(MANY_PARTNERS);
		expect(new Set(ids).size).toBe(MANY_PARTNERS);
	});

	test("a status that is not one of Awin's is refused before any call, naming item, field and value", async () => {
		const result = await run(
			getMany({
				accountType: 'advertiser',
				advertiserId: ADVERTISER,
				partnershipStatuses: '={{ $json.statuses }}',
			}),
			[{ json: { statuses: ['ACTIVE'] } }, { json: { statuses: ['PENDING'] } }],
		);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 1: "Partnership Statuses" must be one of ACTIVE, .*, got "PENDING"$/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('a limit above what Awin can page to (10,000 skipped rows) is refused before any call', async () => {
		const result = await run(
			getMany({ accountType: 'advertiser', advertiserId: ADVERTISER, limit: 20_000 }),
		);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "Limit" must be a whole number from 1 to 11000/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test("Awin's 400 fails the item with Awin's words", async () => {
		env.sandbox.fault({
			path: /publishers$/,
			status: 400,
			body: { errors: [{ status: '400', code: 'BAD_REQUEST', detail: 'Unknown sort value' }] },
		});
		const result = await run(getMany({ accountType: 'advertiser', advertiserId: ADVERTISER }));
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(/400.*Unknown sort value/);
	});
});

describe('Partnership > Get Many (publisher)', () => {
	test('lists the invitations of a publisher account', async () => {
		const result = await run(
			getMany({
				accountType: 'publisher',
				publisherId: PUBLISHER,
				partnershipStatuses: ['INVITE_PENDING'],
			}),
		);

		expect(env.sandbox.requests[0].path).toBe('/public/v1/publishers/20001/advertisers');
		expect(result.output('Awin').map((i) => (i.json.advertiser as { id: number }).id)).toEqual([
			10003, 10002,
		]);
	});

	test("an account the user cannot see fails with Awin's 404 words", async () => {
		const result = await run(
			getMany({
				accountType: 'publisher',
				publisherId: { __rl: true, mode: 'id', value: '29999' },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.httpCode).toBe('404');
		expect(result.nodes.Awin.error?.description).toMatch(/Publisher 29999 does not exist/);
	});
});

/**
 * Publisher Transaction Notifications through the webhook path n8n uses in production:
 * real HTTP requests, n8n's body parsing, n8n-core's WebhookContext, the execution that starts.
 */
import type { WebhookEndpoint } from '../harness/index.ts';
import { startWebhookEndpoint } from '../harness/index.ts';
import { form, json, SECRET, triggerWorkflow } from './helpers.ts';

/** The callback URL a publisher writes in Awin (Toolbox > Transaction Notifications, GET). */
const MACRO_QUERY = [
	'transactionId=!!!transactionId!!!',
	'transactionDate=!!!transactionDate!!!',
	'transactionAmount=!!!transactionAmount!!!',
	'transactionCurrency=!!!transactionCurrency!!!',
	'commission=!!!commission!!!',
	'merchantId=!!!merchantId!!!',
	'affiliateId=!!!affiliateId!!!',
	'clickRef=!!!clickRef!!!',
	'clickRef2=!!!clickRef2!!!',
	'clickTime=!!!clickTime!!!',
	'commissionGroups=!!!commissionGroups!!!',
	'products=!!!products!!!',
].join('&');

/** What Awin sends for that URL: the macros it knows replaced (URL-encoded), the others left as they were. */
function awinFills(values: Record<string, string>): string {
	return MACRO_QUERY.replace(/!!!(\w+)!!!/g, (macro, name: string) =>
		name in values ? encodeURIComponent(values[name]) : macro,
	);
}

const PUSH = {
	transactionId: '987654321',
	transactionDate: '2026-11-20 18:04:11',
	transactionCurrency: 'GBP',
	transactionAmount: '59.90',
	affiliateId: '445566',
	merchantId: '1001',
	groupId: '0',
	bannerId: '0',
	clickRef: 'member-000731',
	clickRef2: '',
	clickTime: '1795187000',
	commission: '4.19',
	url: 'https://shop.example/checkout',
	commissionGroups: [
		{ id: '5566', name: 'Default', code: 'DEFAULT', description: 'Default commission' },
	],
	products: [
		{
			productName: 'Trail shoe',
			unitPrice: '59.90',
			skuType: 'sku',
			skuCode: '00123',
			quantity: '1',
			category: 'Shoes',
			cgId: '5566',
		},
	],
};

const EXPECTED_ITEM = {
	transactionId: '987654321',
	transactionDate: '2026-11-20 18:04:11',
	transactionCurrency: 'GBP',
	transactionAmount: 59.9,
	affiliateId: '445566',
	merchantId: '1001',
	groupId: '0',
	bannerId: '0',
	clickRef: 'member-000731',
	clickRef2: '',
	clickTime: 1795187000,
	transactionDateIso: '2026-11-20T18:04:11+00:00',
	clickTimeIso: '2026-11-20T15:03:20+00:00',
	commission: 4.19,
	url: 'https://shop.example/checkout',
	commissionGroups: [
		{ id: '5566', name: 'Default', code: 'DEFAULT', description: 'Default commission' },
	],
	products: [
		{
			productName: 'Trail shoe',
			unitPrice: 59.9,
			skuType: 'sku',
			skuCode: '00123',
			quantity: 1,
			category: 'Shoes',
			cgId: '5566',
		},
	],
};

let endpoint: WebhookEndpoint;
afterEach(async () => await endpoint?.close());

async function serve(parameters: Record<string, unknown> = {}) {
	endpoint = await startWebhookEndpoint(
		triggerWorkflow({ event: 'transactionNotification', secretToken: SECRET, ...parameters }),
	);
	return endpoint;
}

describe('Awin Trigger: transaction notifications', () => {
	test('GET with macros: values typed, unreplaced macros empty, JSON macros parsed, one execution', async () => {
		await serve();
		const query = awinFills({
			transactionId: '987654321',
			transactionDate: '2026-11-20 18:04:11',
			transactionAmount: '59.90',
			transactionCurrency: 'GBP',
			commission: '4.19',
			merchantId: '1001',
			affiliateId: '445566',
			clickRef: 'member-000731',
			clickTime: '1795187000',
			commissionGroups: JSON.stringify(PUSH.commissionGroups),
			// products left unreplaced, like clickRef2
		});
		const call = await endpoint.send('GET', `?token=${SECRET}&${query}`);

		expect(call.status).toBe(200);
		expect(call.body).toEqual({ received: true, items: 1 });
		expect(call.started).toBe(true);
		expect(call.run?.status).toBe('success');
		expect(call.items).toHaveLength(1);
		expect(call.items[0].json).toEqual({
			transactionId: '987654321',
			transactionDate: '2026-11-20 18:04:11',
			transactionAmount: 59.9,
			transactionCurrency: 'GBP',
			commission: 4.19,
			merchantId: '1001',
			affiliateId: '445566',
			clickRef: 'member-000731',
			clickRef2: '',
			clickTime: 1795187000,
			transactionDateIso: '2026-11-20T18:04:11+00:00',
			clickTimeIso: '2026-11-20T15:03:20+00:00',
			commissionGroups: EXPECTED_ITEM.commissionGroups,
			products: [],
		});
		// The next node received it: the workflow ran after the answer.
		expect(call.run?.output('Next').map((i) => i.json.transactionId)).toEqual(['987654321']);
	});

	test('GET where Awin replaced no macro at all is refused: no transactionId', async () => {
		await serve();
		const call = await endpoint.send('GET', `?token=${SECRET}&${MACRO_QUERY}`);
		expect(call.status).toBe(400);
		expect(call.body).toEqual({ error: 'Missing transactionId' });
		expect(call.started).toBe(false);
	});

	test('POST form with AwinTransactionPush holding JSON', async () => {
		await serve();
		const call = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			form({ AwinTransactionPush: JSON.stringify(PUSH) }),
		);
		expect(call.status).toBe(200);
		expect(call.started).toBe(true);
		expect(call.items.map((i) => i.json)).toEqual([EXPECTED_ITEM]);
	});

	test('POST with a JSON body, unknown fields kept as sent', async () => {
		await serve();
		const call = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			json({ ...PUSH, voucherCode: '0042', extra: { nested: true } }),
		);
		expect(call.status).toBe(200);
		expect(call.items[0].json).toEqual({
			...EXPECTED_ITEM,
			voucherCode: '0042',
			extra: { nested: true },
		});
	});

	test('POST with JSON but no content type (raw body) and as text/plain', async () => {
		await serve();
		const raw = await endpoint.send('POST', `?token=${SECRET}`, { body: JSON.stringify(PUSH) });
		const text = await endpoint.send('POST', `?token=${SECRET}`, {
			headers: { 'content-type': 'text/plain' },
			body: JSON.stringify({ ...PUSH, transactionId: '987654322' }),
		});
		expect([raw.status, text.status]).toEqual([200, 200]);
		expect(raw.items[0].json).toEqual(EXPECTED_ITEM);
		expect(text.items[0].json.transactionId).toBe('987654322');
	});

	test('bad JSON in the form field is answered 400 and starts nothing', async () => {
		await serve();
		const call = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			form({ AwinTransactionPush: '{"transactionId": "1",' }),
		);
		expect(call.status).toBe(400);
		expect(call.body).toEqual({ error: 'AwinTransactionPush is not valid JSON' });
		expect(call.started).toBe(false);
	});

	test('a bad JSON body with content type application/json is refused by n8n itself (422) before the node', async () => {
		await serve();
		const call = await endpoint.send('POST', `?token=${SECRET}`, {
			headers: { 'content-type': 'application/json' },
			body: '{"transactionId": "1",',
		});
		expect(call.status).toBe(422);
		expect(call.started).toBe(false);
	});

	test('a JSON list, a number or an object without transactionId is refused with a short reason', async () => {
		await serve();
		const list = await endpoint.send('POST', `?token=${SECRET}`, json([PUSH]));
		const number = await endpoint.send('POST', `?token=${SECRET}`, { body: '42' });
		const missing = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			json({ ...PUSH, transactionId: undefined }),
		);
		const macro = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			json({ ...PUSH, transactionId: '!!!transactionId!!!' }),
		);
		const object = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			json({ ...PUSH, transactionId: { id: 1 } }),
		);
		expect(list.body).toEqual({ error: 'Expected a JSON object with the transaction' });
		expect(number.body).toEqual({ error: 'Expected a JSON object with the transaction' });
		expect(missing.body).toEqual({ error: 'Missing transactionId' });
		expect(macro.body).toEqual({ error: 'Missing transactionId' });
		expect(object.body).toEqual({ error: 'transactionId must be text or a number' });
		for (const call of [list, number, missing, macro, object]) {
			expect(call.status).toBe(400);
			expect(call.started).toBe(false);
		}
	});

	test('products that are not JSON are kept as text with a warning, the transaction still arrives', async () => {
		await serve();
		const call = await endpoint.send(
			'GET',
			`?token=${SECRET}&transactionId=55&products=${encodeURIComponent('[{"productName":')}`,
		);
		expect(call.status).toBe(200);
		expect(call.items[0].json).toEqual({
			transactionId: '55',
			products: '[{"productName":',
			parseWarnings: ['products is not valid JSON; kept as text'],
		});
	});

	describe('secret token', () => {
		test('missing token: 401, nothing starts', async () => {
			await serve();
			const call = await endpoint.send('GET', '?transactionId=1');
			expect(call.status).toBe(401);
			expect(call.body).toEqual({ error: 'Missing token' });
			expect(call.started).toBe(false);
		});

		test('wrong token (also a prefix of the right one, or given twice): 401, nothing starts', async () => {
			await serve();
			const wrong = await endpoint.send('GET', '?token=nope&transactionId=1');
			const prefix = await endpoint.send('GET', `?token=${SECRET.slice(0, -1)}&transactionId=1`);
			const twice = await endpoint.send('GET', `?token=${SECRET}&token=${SECRET}&transactionId=1`);
			const wrongHeader = await endpoint.send('POST', '', {
				headers: { 'content-type': 'application/json', 'x-awin-token': 'nope' },
				body: JSON.stringify(PUSH),
			});
			for (const call of [wrong, prefix, twice, wrongHeader]) {
				expect(call.status).toBe(401);
				expect(call.body).toEqual({ error: 'Invalid token' });
				expect(call.started).toBe(false);
			}
		});

		test('token in the x-awin-token header is accepted', async () => {
			await serve();
			const call = await endpoint.send('POST', '', {
				headers: { 'content-type': 'application/json', 'x-awin-token': SECRET },
				body: JSON.stringify(PUSH),
			});
			expect(call.status).toBe(200);
			expect(call.items[0].json.transactionId).toBe('987654321');
		});

		test('the token never reaches the items or the stored execution, even with headers included', async () => {
			await serve({ options: { includeHeaders: true } });
			const byQuery = await endpoint.send('GET', `?token=${SECRET}&transactionId=77&clickRef=abc`);
			const byHeader = await endpoint.send('POST', '?source=awin', {
				headers: {
					'content-type': 'application/json',
					'x-awin-token': SECRET,
					'user-agent': 'Awin',
				},
				body: JSON.stringify({ transactionId: '78' }),
			});
			expect(byQuery.items[0].json).toMatchObject({ transactionId: '77', clickRef: 'abc' });
			expect(byQuery.items[0].json).not.toHaveProperty('token');
			expect(byHeader.items[0].json).toMatchObject({ transactionId: '78', source: 'awin' });
			expect((byHeader.items[0].json.headers as Record<string, string>)['user-agent']).toBe('Awin');
			expect(byHeader.items[0].json.headers).not.toHaveProperty('x-awin-token');
			for (const call of [byQuery, byHeader]) {
				expect(call.run?.serialized).not.toContain(SECRET);
				expect(JSON.stringify(call.items)).not.toContain(SECRET);
			}
		});

		test('without a secret token every well-formed notification starts the workflow', async () => {
			endpoint = await startWebhookEndpoint(triggerWorkflow({ event: 'transactionNotification' }));
			const call = await endpoint.send('GET', '?transactionId=1');
			expect(call.status).toBe(200);
			expect(call.items[0].json).toEqual({ transactionId: '1' });
		});
	});

	describe('duplicates', () => {
		test('a transaction already received is answered 200 but starts nothing (on by default)', async () => {
			await serve();
			const first = await endpoint.send('GET', `?token=${SECRET}&transactionId=444`);
			const again = await endpoint.send(
				'POST',
				`?token=${SECRET}`,
				form({ AwinTransactionPush: JSON.stringify({ transactionId: '444' }) }),
			);
			const other = await endpoint.send('GET', `?token=${SECRET}&transactionId=445`);
			expect([first.started, again.started, other.started]).toEqual([true, false, true]);
			expect(again.status).toBe(200);
			expect(again.body).toEqual({ received: true, duplicate: true });
			// Kept in the workflow's static data, which n8n stores with the workflow.
			expect(endpoint.staticData).toEqual({
				'node:Awin Trigger': { seenTransactionIds: ['444', '445'] },
			});
		});

		test('a refused request is not remembered, so the same transaction can still arrive', async () => {
			await serve();
			const refused = await endpoint.send('GET', '?token=nope&transactionId=9');
			const accepted = await endpoint.send('GET', `?token=${SECRET}&transactionId=9`);
			expect([refused.status, accepted.status]).toEqual([401, 200]);
			expect(accepted.started).toBe(true);
		});

		test('turned off, the same transaction starts the workflow each time', async () => {
			await serve({ options: { ignoreDuplicates: false } });
			const calls = [
				await endpoint.send('GET', `?token=${SECRET}&transactionId=444`),
				await endpoint.send('GET', `?token=${SECRET}&transactionId=444`),
			];
			expect(calls.map((c) => c.started)).toEqual([true, true]);
		});

		test('the memory is bounded: the oldest ids are forgotten', async () => {
			await serve();
			// Static data as n8n would have stored it after 1000 notifications.
			endpoint.staticData['node:Awin Trigger'] = {
				seenTransactionIds: Array.from({ length: 1000 }, (_, i) => `t${i}`),
			};
			const fresh = await endpoint.send('GET', `?token=${SECRET}&transactionId=new-1`);
			const oldest = await endpoint.send('GET', `?token=${SECRET}&transactionId=t0`);
			const recent = await endpoint.send('GET', `?token=${SECRET}&transactionId=t999`);
			expect([fresh.started, oldest.started, recent.started]).toEqual([true, true, false]);
			const memory = (endpoint.staticData['node:Awin Trigger'] as { seenTransactionIds: string[] })
				.seenTransactionIds;
			expect(memory).toHaveLength(1000);
			expect(memory.slice(-2)).toEqual(['new-1', 't0']);
		});
	});

	test('a body over the cap is refused with 413 and starts nothing', async () => {
		await serve();
		const big = JSON.stringify({ transactionId: '1', padding: 'x'.repeat(2 * 1024 * 1024) });
		const call = await endpoint.send('POST', `?token=${SECRET}`, {
			headers: { 'content-type': 'application/json' },
			body: big,
		});
		expect(call.status).toBe(413);
		expect(call.started).toBe(false);
	});
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { SANDBOX_LATER_ADVERTISER, webhookDeliveries } from '../sandbox/routes/orders.ts';
import { useSandbox } from '../client/support.ts';
import {
	asItems,
	conversionNode,
	conversionOrder,
	ordersSent,
	SEED_003_ORDER,
	TEST_LIMITS,
	TEST_QUOTAS,
} from './setup.ts';

const sandbox = useSandbox({ quotas: TEST_QUOTAS }, TEST_LIMITS);

const ORDERS_PATH = /^\/s2s\/advertiser\/\d+\/orders$/;
const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Conversion > Create Orders', () => {
	test("the Conversion API page's example order arrives with exactly Awin's field names and values (JSON mode)", async () => {
		const run = await runWorkflow(
			workflowOf(conversionNode({ options: { webhookUrl: 'https://example-webhook-url.com' } })),
			{
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems([SEED_003_ORDER]) },
			},
		);

		expect(run.status).toBe('success');
		const [call] = sandbox.requestsTo(ORDERS_PATH, 'POST');
		expect(call.path).toBe('/s2s/advertiser/10001/orders');
		expect(call.headers['x-api-key']).toBe(credentialsFor(sandbox).awinConversionApi.apiKey);
		expect(call.body).toEqual({
			orders: [SEED_003_ORDER],
			webhook: { url: 'https://example-webhook-url.com' },
		});

		const [item] = run.output('Awin');
		expect(item.json).toMatchObject({ status: 'registered', orderReference: '#1100011' });
		expect(item.json.batchId).toMatch(/^10001-\d{10}-/);
		expect(item.json.correlationId).toMatch(/^[0-9a-f-]{36}$/);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('the same order mapped field by field with expressions is sent identically', async () => {
		const node = conversionNode({
			inputMode: 'fields',
			orderReference: '={{ $json.ref }}',
			amount: '={{ $json.total }}',
			currency: '={{ $json.currency }}',
			channel: 'aw',
			awc: '={{ $json.awc }}',
			orderFields: {
				voucher: '10_OFF',
				customerAcquisition: 'NEW',
				custom: { parameter: [{ key: 1, value: 's2sAPI' }] },
				basket: '={{ $json.lines }}',
			},
		});
		const input = {
			ref: '#1100011',
			total: '111',
			currency: 'gbp',
			awc: '1001_xxx_xxx',
			lines: SEED_003_ORDER.basket,
		};
		const run = await runWorkflow(workflowOf(node), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([input]) },
		});

		expect(run.status).toBe('success');
		// The default commission group carries the whole amount; "111" and "gbp" are normalised.
		expect(sandbox.requestsTo(ORDERS_PATH)[0].body).toEqual({ orders: [SEED_003_ORDER] });
		expect(run.output('Awin')[0].json.status).toBe('registered');
	});

	test('2,500 orders become 3 calls of 1000, 1000 and 500, each item paired to its result', async () => {
		const orders = Array.from({ length: 2500 }, (_, i) => conversionOrder(`ORD-${i}`));
		const run = await runWorkflow(workflowOf(conversionNode()), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems(orders) },
		});

		expect(run.status).toBe('success');
		const calls = sandbox.requestsTo(ORDERS_PATH);
		expect(calls.map((c) => (c.body as { orders: unknown[] }).orders.length)).toEqual([
			1000, 1000, 500,
		]);
		expect(ordersSent(calls).map((o) => o.orderReference)).toEqual(
			orders.map((o) => o.orderReference),
		);

		const items = run.output('Awin');
		expect(items).toHaveLength(2500);
		items.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({ status: 'registered', orderReference: `ORD-${i}` });
		});
		expect(new Set(items.map((i) => i.json.batchId)).size).toBe(3);
	});

	test("a 206 marks exactly the orders Awin refused, with Awin's errors", async () => {
		const refs = ['A-1', 'REJECT-2', 'A-3', 'REJECT-4', 'A-5'];
		const run = await runWorkflow(workflowOf(conversionNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems(refs.map((r) => conversionOrder(r))) },
		});

		expect(run.status).toBe('success');
		expect(sandbox.requestsTo(ORDERS_PATH).map((r) => r.status)).toEqual([206]);
		const items = run.output('Awin');
		expect(items.map((i) => i.json.status)).toEqual([
			'registered',
			'failed',
			'registered',
			'failed',
			'registered',
		]);
		expect(items.map((i) => i.pairedItem)).toEqual(refs.map((_, item) => ({ item })));
		expect(items[1].json.errors).toEqual([
			{ field: 'orderReference', message: expect.stringContaining('refused') },
		]);
		expect(items[1].json.error).toMatch(/Awin rejected order "REJECT-2" \(206\): orderReference/);
		expect(items[1].json.correlationId).toEqual(expect.any(String));
		expect(items[0].json.error).toBeUndefined();
	});

	test('an answer that lists the orders in another order than sent still gives each item its own correlationId', async () => {
		const refs = ['A', 'B', 'C', 'D', 'E'];
		const entry = (ref: string) => ({ orderReference: ref, correlationId: `cid-${ref}` });
		sandbox.fault({
			path: ORDERS_PATH,
			status: 206,
			body: {
				batchId: 'batch-1',
				successfulOrders: [entry('E'), entry('B'), entry('A'), entry('D')],
				failedOrders: [{ order: entry('C'), errors: [{ field: 'amount', message: 'refused' }] }],
			},
		});
		const run = await runWorkflow(workflowOf(conversionNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems(refs.map((r) => conversionOrder(r))) },
		});

		expect(run.status).toBe('success');
		const items = run.output('Awin');
		expect(items.map((i) => [i.json.orderReference, i.json.status, i.json.correlationId])).toEqual([
			['A', 'registered', 'cid-A'],
			['B', 'registered', 'cid-B'],
			['C', 'failed', 'cid-C'],
			['D', 'registered', 'cid-D'],
			['E', 'registered', 'cid-E'],
		]);
	});

	test('without Continue On Fail, a refused order stops the node and the error lists what Awin registered', async () => {
		const run = await runWorkflow(workflowOf(conversionNode()), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: asItems(['A-1', 'REJECT-2', 'A-3'].map((r) => conversionOrder(r))),
			},
		});

		expect(run.status).toBe('error');
		const error = run.nodes.Awin.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/REJECT-2/);
		expect(error?.description).toMatch(
			/Awin registered 2 order\(s\) in this execution, do not send them again: A-1, A-3/,
		);
	});

	test('invalid items never reach Awin; with Continue On Fail they come out paired, naming the field', async () => {
		const items = [
			conversionOrder('OK-1'),
			conversionOrder('BAD-amount', { amount: '1,234.50' }),
			conversionOrder('BAD-currency', { currency: 'GBX' }),
			conversionOrder('BAD-attribution', { awc: undefined }),
			conversionOrder('BAD-clickTime', {
				awc: undefined,
				publisherId: 20001,
				clickTime: 1762859852000,
			}),
			conversionOrder('X'.repeat(51)),
			conversionOrder('BAD-group', { commissionGroups: [{ code: 'default', amount: 20 }] }),
			conversionOrder('BAD-custom', { custom: { '128': 'x' } }),
			conversionOrder('OK-2'),
		];
		const run = await runWorkflow(workflowOf(conversionNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems(items) },
		});

		expect(run.status).toBe('success');
		expect(ordersSent(sandbox.requestsTo(ORDERS_PATH)).map((o) => o.orderReference)).toEqual([
			'OK-1',
			'OK-2',
		]);
		const out = run.output('Awin');
		expect(out.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(out.map((i) => i.json.status)).toEqual([
			'registered',
			...Array(7).fill('invalid'),
			'registered',
		]);
		const fieldsOf = (i: number) =>
			(out[i].json.errors as Array<{ field: string }>).map((e) => e.field);
		expect(fieldsOf(1)).toEqual(['amount']);
		expect(out[1].json.error).toMatch(/amount: .*no thousand separators/);
		expect(fieldsOf(2)).toEqual(['currency']);
		expect(fieldsOf(3)).toEqual(['awc']);
		expect(fieldsOf(4)).toEqual(['clickTime']);
		expect(out[4].json.error).toMatch(/milliseconds/);
		expect(fieldsOf(5)).toEqual(['orderReference']);
		expect(fieldsOf(6)).toEqual(['commissionGroups[0].code']);
		expect(fieldsOf(7)).toEqual(['custom.128']);
		expect(out[1].json.error).toMatch(/^Item 1: invalid Conversion API order/);
		expect(out[1].json.errorDetails).toMatch(/Not sent to Awin/);
	});

	test('with the error output on, invalid and refused items go to it, paired, the reason in the message', async () => {
		const items = [
			conversionOrder('OK-1'),
			conversionOrder('BAD', { currency: 'GBX' }),
			conversionOrder('REJECT-3'),
		];
		const run = await runWorkflow(
			workflowOf(conversionNode({}, { onError: 'continueErrorOutput' })),
			{
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems(items) },
			},
		);

		expect(run.status).toBe('success');
		expect(run.output('Awin', 0).map((i) => [i.json.status, i.pairedItem])).toEqual([
			['registered', { item: 0 }],
		]);
		const errors = run.output('Awin', 1);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(errors[0].json.error).toMatch(
			/Item 1: invalid Conversion API order: currency: must be an ISO 4217/,
		);
		expect(errors[1].json.error).toMatch(/Awin rejected order "REJECT-3" \(206\): orderReference/);
	});

	test('without Continue On Fail, one invalid item stops the node before anything is sent', async () => {
		const run = await runWorkflow(workflowOf(conversionNode()), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: asItems([conversionOrder('OK-1'), conversionOrder('BAD', { amount: '1,234.50' })]),
			},
		});

		expect(run.status).toBe('error');
		expect(sandbox.requests).toHaveLength(0);
		expect(run.nodes.Awin.error?.message).toMatch(/Item 1: invalid Conversion API order: amount/);
		expect(run.nodes.Awin.error?.description).toMatch(
			/1 of 2 items failed \(item 1\)\. Nothing was sent to Awin/,
		);
	});

	test('basket texts over 255 characters are cut and the item says so; an over-long basket id is rejected', async () => {
		const line = SEED_003_ORDER.basket[0];
		const longName = 'N'.repeat(300);
		const run = await runWorkflow(workflowOf(conversionNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: asItems([
					conversionOrder('LONG-name', { basket: [{ ...line, name: longName }] }),
					conversionOrder('LONG-id', { basket: [{ ...line, id: 'I'.repeat(76) }] }),
				]),
			},
		});

		const [sent] = ordersSent(sandbox.requestsTo(ORDERS_PATH));
		expect(sent.orderReference).toBe('LONG-name');
		expect((sent.basket as Array<{ name: string }>)[0].name).toBe('N'.repeat(255));
		const [cut, rejected] = run.output('Awin');
		expect(cut.json.status).toBe('registered');
		expect(cut.json.warnings).toEqual([
			"basket[0].name was cut to Awin's 255 characters (it had 300)",
		]);
		expect(rejected.json.status).toBe('invalid');
		expect(rejected.json.errors).toEqual([
			{ field: 'basket[0].id', message: "is longer than Awin's 75 characters" },
		]);
	});

	test('a repeated orderReference is sent once; the repeats say duplicate', async () => {
		const run = await runWorkflow(workflowOf(conversionNode()), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: asItems([
					conversionOrder('D-1'),
					conversionOrder('D-2'),
					conversionOrder('D-1', { amount: 99 }),
					conversionOrder('D-1'),
				]),
			},
		});

		expect(run.status).toBe('success');
		expect(
			ordersSent(sandbox.requestsTo(ORDERS_PATH)).map((o) => [o.orderReference, o.amount]),
		).toEqual([
			['D-1', 20],
			['D-2', 20],
		]);
		const out = run.output('Awin');
		expect(out.map((i) => i.json.status)).toEqual([
			'registered',
			'registered',
			'duplicate',
			'duplicate',
		]);
		expect(out[2].json).toMatchObject({ orderReference: 'D-1', duplicateOfItem: 0 });
		expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	test('a wrong key (401) fails every item without the key anywhere, and later calls are not made', async () => {
		const wrongKey = 'wrong-key-0a1b2c3d4e5f6a7b';
		const orders = ['K-1', 'K-2', 'K-3', 'K-4'].map((r) => conversionOrder(r));

		const stopped = await runWorkflow(workflowOf(conversionNode({ options: { batchSize: 2 } })), {
			credentials: credentialsFor(sandbox, { apiKey: wrongKey }),
			start: { node: 'Start', items: asItems(orders) },
		});
		expect(stopped.status).toBe('error');
		expect(stopped.nodes.Awin.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(stopped.nodes.Awin.error?.message).toMatch(/rejected the credentials/);
		expect(stopped.nodes.Awin.error?.description).toMatch(/Awin registered none of the orders/);
		expect(stopped.serialized).not.toContain(wrongKey);
		expect(sandbox.requestsTo(ORDERS_PATH)).toHaveLength(1);

		sandbox.reset();
		const continued = await runWorkflow(
			workflowOf(conversionNode({ options: { batchSize: 2 } }, continueOnFail)),
			{
				credentials: credentialsFor(sandbox, { apiKey: wrongKey }),
				start: { node: 'Start', items: asItems(orders) },
			},
		);
		const out = continued.output('Awin');
		expect(out.map((i) => i.json.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
		expect(out[0].json.error).toMatch(/rejected the credentials \(401\)/);
		expect(out[2].json.error).toMatch(/Not sent: an earlier call to Awin failed/);
		expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(continued.serialized).not.toContain(wrongKey);
		expect(sandbox.requestsTo(ORDERS_PATH)).toHaveLength(1);
	});

	// Two advertisers make two calls; the fault hits only the second one's path.
	const twoAdvertisers = (refs: string[]) =>
		asItems(
			refs.map((ref, i) => ({
				advertiser: i < 2 ? '10001' : '10002',
				order: conversionOrder(ref),
			})),
		);
	const byAdvertiser = (extra = {}) =>
		conversionNode({ advertiserId: '={{ $json.advertiser }}', orderField: 'order' }, extra);

	test('a connection dropped after sending is not re-sent; the items say Awin may hold the orders', async () => {
		sandbox.fault({ path: /^\/s2s\/advertiser\/10002\/orders$/, drop: true });
		const run = await runWorkflow(workflowOf(byAdvertiser(continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: twoAdvertisers(['N-1', 'N-2', 'N-3', 'N-4']) },
		});

		expect(sandbox.requestsTo(ORDERS_PATH).map((r) => r.path)).toEqual([
			'/s2s/advertiser/10001/orders',
			'/s2s/advertiser/10002/orders',
		]);
		const out = run.output('Awin');
		expect(out.map((i) => i.json.status)).toEqual(['registered', 'registered', 'failed', 'failed']);
		expect(out[2].json.mayHaveBeenRegistered).toBe(true);
		expect(out[3].json.error).toMatch(/may or may not have processed it/);
		expect(out[3].json.errorDetails).toMatch(/not re-sent automatically/);
		expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	test('when a later call fails entirely, the node error names the orders earlier calls registered', async () => {
		sandbox.fault({ path: /^\/s2s\/advertiser\/10002\/orders$/, drop: true });
		const run = await runWorkflow(workflowOf(byAdvertiser()), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: twoAdvertisers(['E-1', 'E-2', 'E-3', 'E-4']) },
		});

		expect(run.status).toBe('error');
		const error = run.nodes.Awin.error;
		expect(error?.message).toMatch(/may or may not have processed it/);
		expect(error?.description).toMatch(
			/Awin registered 2 order\(s\) in this execution, do not send them again: E-1, E-2\./,
		);
		expect(sandbox.requestsTo(ORDERS_PATH)).toHaveLength(2);
	});

	test('a 500 (Awin: "unable to process, try again later") is retried and the orders registered once', async () => {
		sandbox.fault({ path: ORDERS_PATH, status: 500, body: { message: 'Internal Server Error' } });
		const run = await runWorkflow(workflowOf(conversionNode()), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([conversionOrder('R-1')]) },
		});

		expect(run.status).toBe('success');
		expect(sandbox.requestsTo(ORDERS_PATH).map((r) => r.status)).toEqual([500, 200]);
		expect(run.output('Awin')[0].json.status).toBe('registered');
	});

	test('202 marks the orders accepted; the webhook notifier reaches the given URL after processing', async () => {
		const received: unknown[] = [];
		const receiver = createServer((req, res) => {
			let text = '';
			req.on('data', (c: Buffer) => (text += c.toString()));
			req.on('end', () => {
				received.push(JSON.parse(text));
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		try {
			const run = await runWorkflow(
				workflowOf(
					conversionNode({ advertiserId: SANDBOX_LATER_ADVERTISER, options: { webhookUrl: url } }),
				),
				{
					credentials: credentialsFor(sandbox),
					start: {
						node: 'Start',
						items: asItems([conversionOrder('L-1'), conversionOrder('L-2')]),
					},
				},
			);
			expect(run.status).toBe('success');
			expect(sandbox.requestsTo(ORDERS_PATH)[0].status).toBe(202);
			const out = run.output('Awin');
			expect(out.map((i) => i.json.status)).toEqual(['accepted', 'accepted']);

			for (let waited = 0; received.length === 0 && waited < 3000; waited += 20)
				await new Promise((r) => setTimeout(r, 20));
			expect(received).toEqual([
				{
					batchId: out[0].json.batchId,
					successfulOrders: [
						{ orderReference: 'L-1', correlationId: expect.any(String) },
						{ orderReference: 'L-2', correlationId: expect.any(String) },
					],
					pendingOrders: [],
					failedOrders: [],
					timestamp: expect.any(Number),
				},
			]);
			expect(webhookDeliveries(sandbox).at(-1)?.url).toBe(url);
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});

	test('the sandbox, like Awin, refuses a call of more than 1000 orders with 400', async () => {
		const response = await fetch(`${sandbox.url}/s2s/advertiser/10001/orders`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-api-key': credentialsFor(sandbox).awinConversionApi.apiKey as string,
			},
			body: JSON.stringify({
				orders: Array.from({ length: 1001 }, (_, i) => conversionOrder(`MAX-${i}`)),
			}),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { message: string }).message).toMatch(
			/more than 1000 orders/,
		);
	});

	test('output "one item per batch" gives a summary per call, paired to all of its items', async () => {
		const orders = ['S-1', 'S-2', 'REJECT-3', 'S-1', 'S-4'].map((r) => conversionOrder(r));
		const run = await runWorkflow(
			workflowOf(conversionNode({ options: { batchSize: 2, output: 'perBatch' } }, continueOnFail)),
			{
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems(orders) },
			},
		);

		const out = run.output('Awin');
		expect(out).toHaveLength(2);
		expect(out[0].json).toMatchObject({
			call: 1,
			httpStatus: 200,
			orders: 2,
			registered: 2,
			failed: 0,
			duplicates: 1,
		});
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);
		expect(out[1].json).toMatchObject({
			call: 2,
			httpStatus: 206,
			orders: 2,
			registered: 1,
			failed: 1,
		});
		expect(out[1].json.failedOrders).toEqual([
			expect.objectContaining({
				orderReference: 'REJECT-3',
				errors: [expect.objectContaining({ field: 'orderReference' })],
			}),
		]);
		expect(out[1].pairedItem).toEqual([{ item: 2 }, { item: 4 }]);
	});
});

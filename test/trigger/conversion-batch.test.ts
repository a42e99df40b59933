/**
 * The Conversion API's webhook notifier (its page's "Webhook Details") through n8n's webhook path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { WebhookEndpoint } from '../harness/index.ts';
import { startWebhookEndpoint } from '../harness/index.ts';
import { json, SECRET, triggerWorkflow } from './helpers.ts';

/** Seed 003's notifier example, with the quote it lacks before failedOrders restored. */
const SEED_EXAMPLE_TEXT = readFileSync(
	path.join(__dirname, 'fixtures', 'seed-003-notifier.json'),
	'utf8',
);
const SEED_EXAMPLE = JSON.parse(SEED_EXAMPLE_TEXT) as Record<string, unknown>;
const BATCH_ID = '15716-1697459823-d5d0d86d-eb5b-423b-a70e-03551219eb67';

let endpoint: WebhookEndpoint;
afterEach(async () => await endpoint?.close());

async function serve(options: Record<string, unknown> = {}) {
	endpoint = await startWebhookEndpoint(
		triggerWorkflow({ event: 'conversionBatch', secretToken: SECRET, options }),
	);
	return endpoint;
}

describe('Awin Trigger: conversion batch notifications', () => {
	test("the Conversion API page's notifier example becomes one item per order with its status, code and message", async () => {
		await serve();
		const call = await endpoint.send('POST', `?token=${SECRET}`, {
			headers: { 'content-type': 'application/json' },
			body: SEED_EXAMPLE_TEXT,
		});

		expect(call.status).toBe(200);
		expect(call.body).toEqual({ received: true, items: 3 });
		expect(call.started).toBe(true);
		expect(call.items.map((i) => i.json)).toEqual([
			{
				batchId: BATCH_ID,
				status: 'successful',
				orderReference: '#1100011',
				correlationId: '52ee5b94-e5eb-4d21-88ee-22fe07cd1238',
				code: null,
				message: null,
				timestamp: 16492495245,
			},
			{
				batchId: BATCH_ID,
				status: 'pending',
				orderReference: '#2200022',
				correlationId: '52ee5b94-e5eb-4d21-88ee-22fe07cd1248',
				code: null,
				message: null,
				timestamp: 16492495245,
			},
			{
				batchId: BATCH_ID,
				status: 'failed',
				orderReference: '#3300033',
				correlationId: '52ee5b94-e5eb-4d21-88ee-22fe07cd1258',
				code: 'VAL_NO_CLICKS_MATCHED',
				message: 'No clicks matched to transaction',
				timestamp: 16492495245,
			},
		]);
		expect(call.run?.output('Next')).toHaveLength(3);
	});

	test('the example exactly as printed on the page (a quote missing) is not JSON: n8n refuses it with 422', async () => {
		await serve();
		const printed = SEED_EXAMPLE_TEXT.replace('"failedOrders"', 'failedOrders"');
		const call = await endpoint.send('POST', `?token=${SECRET}`, {
			headers: { 'content-type': 'application/json' },
			body: printed,
		});
		expect(call.status).toBe(422);
		expect(call.started).toBe(false);
	});

	test('Split Orders off: one item for the batch with counts per status', async () => {
		await serve({ splitOrders: false });
		const call = await endpoint.send('POST', `?token=${SECRET}`, json(SEED_EXAMPLE));
		expect(call.items).toHaveLength(1);
		expect(call.items[0].json).toEqual({
			...SEED_EXAMPLE,
			successfulCount: 1,
			pendingCount: 1,
			failedCount: 1,
		});
	});

	test('missing lists count as empty; unknown fields of orders and batch are kept', async () => {
		await serve();
		const call = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			json({
				batchId: 'b-2',
				failedOrders: [{ orderReference: 1234, code: 'VAL_X', message: 'x', field: 'awc' }],
				region: 'GB',
			}),
		);
		expect(call.items.map((i) => i.json)).toEqual([
			{
				batchId: 'b-2',
				status: 'failed',
				orderReference: '1234',
				correlationId: null,
				code: 'VAL_X',
				message: 'x',
				field: 'awc',
				region: 'GB',
			},
		]);
	});

	test('a batch with no orders answers 200 and starts nothing', async () => {
		await serve();
		const call = await endpoint.send(
			'POST',
			`?token=${SECRET}`,
			json({ batchId: 'b-empty', successfulOrders: [] }),
		);
		expect(call.status).toBe(200);
		expect(call.body).toEqual({ received: true, items: 0 });
		expect(call.started).toBe(false);
	});

	test('invalid notifications are answered 400 (or 405 for GET) with a short reason and start nothing', async () => {
		await serve();
		const send = (method: string, body?: string, type = 'application/json') =>
			endpoint.send(
				method,
				`?token=${SECRET}`,
				body === undefined ? {} : { headers: { 'content-type': type }, body },
			);
		const expectations: Array<[string, string | undefined, number, string, string?]> = [
			['GET', undefined, 405, 'Awin posts conversion batch results; use POST'],
			['POST', undefined, 400, 'Empty body'],
			['POST', JSON.stringify({ successfulOrders: [] }), 400, 'Missing batchId'],
			['POST', JSON.stringify({ batchId: { id: 1 } }), 400, 'batchId must be text'],
			[
				'POST',
				JSON.stringify({ batchId: 'b', failedOrders: 'none' }),
				400,
				'failedOrders must be a list',
			],
			[
				'POST',
				JSON.stringify({ batchId: 'b', pendingOrders: [{}, 'x'] }),
				400,
				'pendingOrders[1] is not an object',
			],
			['POST', JSON.stringify([SEED_EXAMPLE]), 400, 'Expected a JSON object with the batch'],
			['POST', '{"batchId": "b",', 400, 'The body is not valid JSON', 'text/plain'],
		];
		for (const [method, body, status, reason, type] of expectations) {
			const call = await send(method, body, type);
			expect({ status: call.status, body: call.body, started: call.started }).toEqual({
				status,
				body: { error: reason },
				started: false,
			});
		}
	});

	test('wrong or missing token: 401 before the body is looked at', async () => {
		await serve();
		const missing = await endpoint.send('POST', '', json(SEED_EXAMPLE));
		const wrong = await endpoint.send('POST', '?token=guess', json(SEED_EXAMPLE));
		expect([missing.status, wrong.status]).toEqual([401, 401]);
		expect([missing.started, wrong.started]).toEqual([false, false]);
	});

	test('the same batch notified twice starts the workflow once', async () => {
		await serve();
		const first = await endpoint.send('POST', `?token=${SECRET}`, json(SEED_EXAMPLE));
		const again = await endpoint.send('POST', `?token=${SECRET}`, json(SEED_EXAMPLE));
		expect([first.started, again.started]).toEqual([true, false]);
		expect(again.body).toEqual({ received: true, duplicate: true });
		expect(endpoint.staticData).toEqual({ 'node:Awin Trigger': { seenBatchIds: [BATCH_ID] } });
	});
});

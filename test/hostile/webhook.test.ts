/**
 * Attacks on the Awin Trigger's webhook: hostile bodies sent with the
 * right secret. Each must be answered with a 4xx JSON error and start no execution.
 */
import type { WebhookEndpoint } from '../harness/index.ts';
import { startWebhookEndpoint } from '../harness/index.ts';
import { SECRET, triggerWorkflow } from '../trigger/helpers.ts';

let endpoint: WebhookEndpoint;
beforeAll(async () => {
	endpoint = await startWebhookEndpoint(
		triggerWorkflow({ event: 'conversionBatch', secretToken: SECRET, options: {} }),
	);
});
afterAll(async () => await endpoint.close());

/** `{"deeper":{"deeper":...}}` written as text: JSON.stringify itself would overflow the stack. */
const nested = (depth: number) => `${'{"deeper":'.repeat(depth)}"x"${'}'.repeat(depth)}`;

async function post(body: string | Buffer) {
	return await endpoint.send('POST', `?token=${SECRET}`, {
		headers: { 'content-type': 'application/json' },
		body,
	});
}

describe('hostile webhook bodies are refused with a 4xx JSON error and no execution', () => {
	test('products nested 100,000 deep (used to answer 500 "Maximum call stack size exceeded")', async () => {
		const body = `{"batchId":"b1","products":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
		const call = await post(body);
		expect(call.status).toBe(400);
		expect(call.body).toEqual({ error: 'Body nested deeper than 32 levels' });
		expect(call.started).toBe(false);
	});

	test('an unknown field nested 5,000 deep (used to start an execution n8n could not open)', async () => {
		const call = await post(`{"batchId":"b2","orders":[],"extra":${nested(5_000)}}`);
		expect(call.status).toBe(400);
		expect(call.started).toBe(false);
	});

	test('an unknown field nested 5,000 deep sent as text/plain (n8n does not parse it; the node did, unchecked)', async () => {
		const call = await endpoint.send('POST', `?token=${SECRET}`, {
			headers: { 'content-type': 'text/plain' },
			body: `{"batchId":"b4","orders":[],"extra":${nested(5_000)}}`,
		});
		expect(call.status).toBe(400);
		expect(call.body).toEqual({ error: 'Body nested deeper than 32 levels' });
		expect(call.started).toBe(false);
	});

	test('invalid UTF-8 bytes (used to be accepted)', async () => {
		const body = Buffer.concat([
			Buffer.from('{"batchId":"b3","orders":[{"orderReference":"'),
			Buffer.from([0xc3, 0x28, 0xff]),
			Buffer.from('"}]}'),
		]);
		const call = await post(body);
		expect(call.status).toBe(400);
		expect(call.body).toEqual({ error: 'Body is not valid UTF-8' });
		expect(call.started).toBe(false);
	});
});

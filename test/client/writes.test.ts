/**
 * The write rule: a call that could register something twice (idempotent: false, e.g. posting
 * orders) is re-sent only when Awin certainly did not process it. No write operation is part of
 * this branch, so a test-only node stands in for one: it runs in the real engine and sends one
 * POST through the real shared client (createAwinClient from dist), exactly as an operation would.
 * The orders operations' own tests cover the same rule end to end.
 */
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { AwinSandbox } from '../harness/index.ts';
import {
	nodeTypes,
	runWorkflow,
	SANDBOX_SECRETS,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { FAST_RETRIES, quota, restoreLimits, transport } from './support.ts';

const PROBE_TYPE = 'test.awinWriteProbe';
const ORDERS = {
	orders: [{ orderReference: 'ORDER-1', amount: 10, currency: 'GBP', channel: 'aw' }],
};

/** Sends ORDERS once with POST /probe/orders through the shared client; `idempotent` from the node. */
const writeProbe: INodeType = {
	description: {
		displayName: 'Awin Write Probe',
		name: 'awinWriteProbe',
		group: ['output'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awinApi', required: true }],
		properties: [
			{ displayName: 'Idempotent', name: 'idempotent', type: 'boolean', default: false },
			{ displayName: 'Max Tries', name: 'maxTries', type: 'number', default: 3 },
		],
	},
	async execute(this: IExecuteFunctions) {
		const client = await transport.createAwinClient(this, 'bearer', {
			maxTries: this.getNodeParameter('maxTries', 0) as number,
		});
		const { statusCode, body } = await client.request({
			method: 'POST',
			path: '/probe/orders',
			body: ORDERS,
			idempotent: this.getNodeParameter('idempotent', 0) as boolean,
			itemIndex: 0,
		});
		return [[{ json: { statusCode, body: body as object }, pairedItem: { item: 0 } }]];
	},
};

let sandbox: AwinSandbox;
beforeAll(async () => {
	nodeTypes[PROBE_TYPE] = writeProbe;
	sandbox = await startSandbox();
});
afterAll(async () => {
	delete nodeTypes[PROBE_TYPE];
	await sandbox.close();
	restoreLimits();
});
beforeEach(() => {
	sandbox.reset();
	restoreLimits();
	quota.setLimitsForTests({ retryPolicy: FAST_RETRIES });
});

async function post(idempotent: boolean, baseUrl = sandbox.url) {
	const workflow = workflowOf({
		id: 'probe',
		name: 'Probe',
		type: PROBE_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters: { idempotent, maxTries: 3 },
		credentials: { awinApi: { id: '1', name: 'Awin API' } },
	});
	return await runWorkflow(workflow, {
		credentials: { awinApi: { apiToken: SANDBOX_SECRETS.apiToken, baseUrl } },
	});
}

const posts = () => sandbox.requestsTo(/^\/probe\/orders$/, 'POST');
const accepted = { status: 200, body: { message: 'ok', successfulOrders: [] } };

describe('a write after an ambiguous failure is not re-sent', () => {
	test('dropped connection: sent once, and the error says Awin may have registered it', async () => {
		sandbox.fault({ drop: true, times: 5 });

		const result = await post(false);

		expect(posts()).toHaveLength(1);
		expect(posts()[0].body).toEqual(ORDERS);
		const error = result.nodes.Probe.error;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/failed after the request was sent .*Awin may or may not have processed it/,
		);
		expect(error?.description).toContain('not re-sent automatically');
		expect(error?.description).toContain('Check in Awin before sending it again');
		expect(error?.httpCode ?? null).toBeNull();
		expect(result.serialized).not.toContain(SANDBOX_SECRETS.apiToken);
	});

	test('timeout: sent once', async () => {
		quota.setLimitsForTests({ retryPolicy: { requestTimeoutMs: 300 } });
		sandbox.fault({ delayMs: 2_000, times: 5 });

		const result = await post(false);

		expect(posts()).toHaveLength(1);
		expect(result.nodes.Probe.error?.message).toMatch(/Awin may or may not have processed it/);
	});

	test('504 from a gateway: sent once, with the HTTP code', async () => {
		sandbox.fault({
			status: 504,
			body: '<html><title>504 Gateway Time-out</title></html>',
			times: 5,
		});

		const result = await post(false);

		expect(posts()).toHaveLength(1);
		const error = result.nodes.Probe.error;
		expect(error?.httpCode).toBe('504');
		expect(error?.message).toBe('Awin answered 504 (server error)');
		expect(error?.description).toContain('504 Gateway Time-out');
		expect(error?.description).toContain(
			'Awin may or may not have processed this call; it is not re-sent automatically',
		);
	});
});

describe('a write is re-sent when Awin certainly did not process it', () => {
	test.each([500, 502, 503, 429])('%i, then accepted: sent twice, succeeds', async (status) => {
		sandbox.fault({ status, body: { error: 'unavailable' } });
		sandbox.fault(accepted);

		const result = await post(false);

		expect(result.status).toBe('success');
		expect(posts().map((p) => p.status)).toEqual([status, 200]);
		expect(posts()[1].body).toEqual(ORDERS);
	});

	test('connection refused (nothing was sent): retried up to the tries, then reported', async () => {
		const closed = await startSandbox();
		const url = closed.url;
		await closed.close();

		const result = await post(false, url);

		expect(result.nodes.Probe.error?.message).toBe(
			'Could not reach Awin (ECONNREFUSED) after 3 tries',
		);
	});

	test('a POST marked idempotent (e.g. a read sent as POST) is retried after a dropped connection', async () => {
		sandbox.fault({ drop: true });
		sandbox.fault(accepted);

		const result = await post(true);

		expect(result.status).toBe('success');
		expect(posts().map((p) => p.fault)).toEqual(['drop', 'status 200']);
	});
});

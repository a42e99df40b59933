import type { AwinSandbox } from '../harness/index.ts';
import { credentialsFor, runWorkflow, startSandbox, workflowOf } from '../harness/index.ts';
import {
	asItems,
	limits,
	ordersSent,
	proofOfPurchaseNode,
	proofOfPurchaseOrder,
	shrinkLimits,
} from './setup.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	shrinkLimits();
	// Proof of Purchase keeps Awin's real quota: 6 calls per second.
	expect(limits.quotas.proofOfPurchase).toEqual({ limit: 6, windowMs: 1000 });
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const POP_PATH = /^\/publishers\/\d+\/advertiser\/\d+\/orders$/;
const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Proof of Purchase > Create Orders', () => {
	test("fields mode sends the Proof of Purchase page's order shape to the publisher/advertiser path", async () => {
		const node = proofOfPurchaseNode({
			inputMode: 'fields',
			orderReference: '={{ $json.id }}',
			amount: '={{ $json.value }}',
			currency: 'EUR',
			transactionTime: '={{ $json.at }}',
			orderFields: {
				awc: '1001_xxx_xxx',
				clickRef: 'example',
				clickTime: '1762859852',
				customerAcquisition: 'NEW',
				commissionGroups: { group: [{ code: 'DEFAULT', amount: '123.45' }] },
			},
		});
		const run = await runWorkflow(workflowOf(node), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: asItems([{ id: 'POP-1', value: 123.45, at: '2025-11-11T11:18:51Z' }]),
			},
		});

		expect(run.status).toBe('success');
		const [call] = sandbox.requestsTo(POP_PATH);
		expect(call.path).toBe('/publishers/20001/advertiser/10001/orders');
		expect(call.body).toEqual({
			orders: [
				{
					orderReference: 'POP-1',
					amount: 123.45,
					currency: 'EUR',
					transactionTime: 1762859931,
					commissionGroups: [{ code: 'DEFAULT', amount: 123.45 }],
					clickTime: 1762859852,
					awc: '1001_xxx_xxx',
					clickRef: 'example',
					customerAcquisition: 'NEW',
				},
			],
		});
		expect(run.output('Awin')[0].json).toMatchObject({
			status: 'registered',
			orderReference: 'POP-1',
		});
	});

	test('JSON mode reads Awin\'s example spelling "commissionGroup" and sends the one spelling we chose', async () => {
		const order = proofOfPurchaseOrder('POP-2', {
			commissionGroup: [{ code: 'DEFAULT', amount: 123.45 }],
		});
		await runWorkflow(workflowOf(proofOfPurchaseNode({ orderField: 'order' })), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([{ order }]) },
		});

		const [sent] = ordersSent(sandbox.requestsTo(POP_PATH));
		expect(sent.commissionGroups).toEqual([{ code: 'DEFAULT', amount: 123.45 }]);
		expect(sent).not.toHaveProperty('commissionGroup');
	});

	test('Conversion-only fields and a missing transactionTime make an order invalid, never sent', async () => {
		const items = [
			proofOfPurchaseOrder('OK'),
			proofOfPurchaseOrder('NO-TIME', { transactionTime: undefined }),
			proofOfPurchaseOrder('CHANNEL', { channel: 'aw' }),
		];
		const run = await runWorkflow(workflowOf(proofOfPurchaseNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems(items) },
		});

		expect(ordersSent(sandbox.requestsTo(POP_PATH)).map((o) => o.orderReference)).toEqual(['OK']);
		const out = run.output('Awin');
		expect(out.map((i) => i.json.status)).toEqual(['registered', 'invalid', 'invalid']);
		expect(out[1].json.errors).toEqual([{ field: 'transactionTime', message: 'Required' }]);
		expect(out[2].json.error).toMatch(/Unrecognized key\(s\) in object: 'channel'/);
	});

	test("a 400 for refused orders fails those with Awin's errors and the rest of that call as not registered", async () => {
		const run = await runWorkflow(workflowOf(proofOfPurchaseNode({}, continueOnFail)), {
			credentials: credentialsFor(sandbox),
			start: {
				node: 'Start',
				items: asItems([proofOfPurchaseOrder('P-1'), proofOfPurchaseOrder('REJECT-2')]),
			},
		});

		expect(sandbox.requestsTo(POP_PATH).map((r) => r.status)).toEqual([400]);
		const [other, refused] = run.output('Awin');
		expect(refused.json).toMatchObject({
			status: 'failed',
			errors: [{ field: 'orderReference', message: expect.any(String) }],
		});
		expect(other.json.status).toBe('failed');
		expect(other.json.error).toMatch(
			/Awin rejected the whole call \(400: Invalid Payload.*order "P-1" was not registered/,
		);
	});

	test("30 calls keep Awin's 6 calls per second by the sandbox's request log", async () => {
		const orders = Array.from({ length: 30 }, (_, i) => proofOfPurchaseOrder(`RATE-${i}`));
		const run = await runWorkflow(workflowOf(proofOfPurchaseNode({ options: { batchSize: 1 } })), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems(orders) },
		});

		expect(run.status).toBe('success');
		const calls = sandbox.requestsTo(POP_PATH);
		expect(calls).toHaveLength(30);
		expect(calls.filter((c) => c.status === 429)).toHaveLength(0);
		const times = calls.map((c) => c.time);
		for (let i = 6; i < times.length; i++) {
			// The 7th call after any call comes at least a second later.
			expect(times[i] - times[i - 6]).toBeGreaterThanOrEqual(1000);
		}
		expect(run.output('Awin').every((i) => i.json.status === 'registered')).toBe(true);
	});
});

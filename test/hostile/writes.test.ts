/**
 * Attack on writes (finding 11 of issue 13): the connection is reset during a call of Create
 * Orders. The items of later calls were never sent and must say so in the package's own words,
 * not n8n's stock network text (NodeOperationError swaps a message naming ECONNRESET).
 */
import type { AwinSandbox } from '../harness/index.ts';
import { credentialsFor, runWorkflow, startSandbox, workflowOf } from '../harness/index.ts';
import { asItems, conversionNode, conversionOrder, shrinkLimits, TEST_QUOTAS } from '../orders/setup.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	shrinkLimits();
	sandbox = await startSandbox({ quotas: TEST_QUOTAS });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

test('connection reset on call 3 of 4: item 3 (never sent) says "Not sent: an earlier call to Awin failed"', async () => {
	sandbox.fault({ path: /^\/s2s\/advertiser\/10002\/orders$/, drop: true });
	const orders = ['W-1', 'W-2', 'W-3', 'W-4'].map((ref, i) => ({ advertiser: i < 2 ? '10001' : '10002', order: conversionOrder(ref) }));

	const run = await runWorkflow(
		workflowOf(
			conversionNode(
				{ advertiserId: '={{ $json.advertiser }}', orderField: 'order', options: { batchSize: 1 } },
				{ onError: 'continueRegularOutput' },
			),
		),
		{ credentials: credentialsFor(sandbox), start: { node: 'Start', items: asItems(orders) } },
	);

	const out = run.output('Awin');
	expect(out.map((i) => i.json.status)).toEqual(['registered', 'registered', 'failed', 'failed']);
	expect(out[2].json.error).toMatch(/may or may not have processed it/);
	expect(out[3].json.error).toMatch(/^Not sent: an earlier call to Awin failed \(The connection to Awin failed after the request was sent/);
	expect(sandbox.requestsTo(/\/orders$/)).toHaveLength(3);
});

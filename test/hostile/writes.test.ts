/**
 * Attacks on writes: the connection is reset during a call of Create
 * Orders; the items of later calls were never sent and must say so in the package's own words,
 * not n8n's stock network text (NodeOperationError swaps a message naming ECONNRESET).
 * Finding 5 for writes: a 2xx whose body is not Awin's answer (a proxy's HTML page, JSON cut
 * short). Before, Create Orders counted such a 200 as "registered" and Link > Generate said "no
 * link" without naming the call; an order POST must not be re-sent on it (it may be registered).
 */
import type { INodeParameters } from 'n8n-workflow';

import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import {
	asItems,
	conversionNode,
	conversionOrder,
	proofOfPurchaseNode,
	proofOfPurchaseOrder,
	shrinkLimits,
	TEST_QUOTAS,
} from '../orders/setup.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	shrinkLimits();
	sandbox = await startSandbox({ quotas: TEST_QUOTAS });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

test('connection reset on call 3 of 4: item 3 (never sent) says "Not sent: an earlier call to Awin failed"', async () => {
	sandbox.fault({ path: /^\/s2s\/advertiser\/10002\/orders$/, drop: true });
	const orders = ['W-1', 'W-2', 'W-3', 'W-4'].map((ref, i) => ({
		advertiser: i < 2 ? '10001' : '10002',
		order: conversionOrder(ref),
	}));

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
	expect(out[3].json.error).toMatch(
		/^Not sent: an earlier call to Awin failed \(The connection to Awin failed after the request was sent/,
	);
	expect(sandbox.requestsTo(/\/orders$/)).toHaveLength(3);
});

const MAINTENANCE_PAGE =
	'<html><head><title>Down for maintenance</title></head><body>Back soon</body></html>';
const CUT_JSON = '{"message":"","batchId":"10001-1","successfulOrders":[{"orderRefer';
const json = { 'content-type': 'application/json' };

describe('a 2xx that is not Awin\'s answer to an order POST: "may have been registered", never re-sent', () => {
	test('Conversion API, 200 HTML page on call 1 of 2: its item fails as "may have been registered", call 2 is not sent, nothing re-sent', async () => {
		sandbox.fault({ path: /\/orders$/, status: 200, body: MAINTENANCE_PAGE, times: 5 });

		const run = await runWorkflow(
			workflowOf(
				conversionNode(
					{ orderField: 'order', options: { batchSize: 1 } },
					{ onError: 'continueRegularOutput' },
				),
			),
			{
				credentials: credentialsFor(sandbox),
				start: {
					node: 'Start',
					items: asItems(['H-1', 'H-2'].map((ref) => ({ order: conversionOrder(ref) }))),
				},
			},
		);

		const out = run.output('Awin');
		expect(out.map((i) => i.json.status)).toEqual(['failed', 'failed']);
		expect(out[0].json.error).toMatch(
			/^Awin's answer to POST \/s2s\/advertiser\/10001\/orders could not be read \(200\): expected a JSON object, got an HTML page\. What was sent may have been registered$/,
		);
		expect(out[0].json.errorDetails).toMatch(
			/Down for maintenance.*not re-sent automatically.*Check in Awin before sending it again/,
		);
		expect(out[0].json.mayHaveBeenRegistered).toBe(true);
		expect(out[1].json.error).toMatch(/^Not sent: an earlier call to Awin failed/);
		expect(sandbox.requestsTo(/\/orders$/)).toHaveLength(1);
	});

	test('Proof of Purchase, 200 with JSON cut short: the node stops naming the call, one request only', async () => {
		sandbox.fault({ path: /\/orders$/, status: 200, body: CUT_JSON, headers: json, times: 5 });

		const run = await runWorkflow(workflowOf(proofOfPurchaseNode({ orderField: 'order' })), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([{ order: proofOfPurchaseOrder('C-1') }]) },
		});

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/^Awin's answer to POST \/.*\/orders could not be read \(200\): expected a JSON object, got text that is not complete JSON\. What was sent may have been registered$/,
		);
		expect(sandbox.requestsTo(/\/orders$/)).toHaveLength(1);
	});

	test('Conversion API, 206 whose failedOrders is not a list: fails as "may have been registered", not as a partial success', async () => {
		sandbox.fault({
			path: /\/orders$/,
			status: 206,
			body: { batchId: 'b', failedOrders: 'oops' },
			headers: json,
		});

		const run = await runWorkflow(
			workflowOf(conversionNode({ orderField: 'order' }, { onError: 'continueRegularOutput' })),
			{
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems([{ order: conversionOrder('S-1') }]) },
			},
		);

		const [item] = run.output('Awin');
		expect(item.json).toMatchObject({ status: 'failed', mayHaveBeenRegistered: true });
		expect(item.json.error).toMatch(
			/could not be read \(206\): "failedOrders": expected a JSON list, got text that is not complete JSON\. What was sent may have been registered$/,
		);
	});
});

describe("a 2xx that is not Awin's answer to an idempotent write: retried, then a clear error naming the call", () => {
	const validate = (options: INodeParameters = {}) =>
		workflowOf(
			awinNode({
				resource: 'transaction',
				operation: 'validate',
				advertiserId: { __rl: true, mode: 'id', value: '10001' },
				inputMode: 'fields',
				validationAction: 'approve',
				identifyBy: 'transactionId',
				transactionId: '={{ $json.id }}',
				options,
			}),
		);
	const BATCH = /^\/advertisers\/10001\/transactions\/batch$/;

	test('Transaction > Validate, 200 HTML page on every try: fails naming the endpoint (before: "submitted")', async () => {
		sandbox.fault({ path: BATCH, status: 200, body: MAINTENANCE_PAGE, times: 5 });

		const run = await runWorkflow(validate({ maxTries: 2 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: [{ json: { id: 7001 } }, { json: { id: 7002 } }] },
		});

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/^Awin's answer to POST \/advertisers\/10001\/transactions\/batch was incomplete or not from Awin \(200, 2 tries\): expected a JSON object, got an HTML page$/,
		);
		expect(sandbox.requestsTo(BATCH)).toHaveLength(2);
	});

	test("Transaction > Validate, one cut answer then Awin's: re-sent (harmless), items submitted with the job ID", async () => {
		sandbox.fault({ path: BATCH, status: 200, body: '{"jobId":"00000', headers: json });

		const run = await runWorkflow(validate(), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: [{ json: { id: 7001 } }] },
		});

		expect(run.status).toBe('success');
		expect(run.output('Awin')[0].json).toMatchObject({
			status: 'submitted',
			jobId: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		expect(sandbox.requestsTo(BATCH)).toHaveLength(2);
	});

	test('Link > Generate, 200 HTML page on every try: fails naming the endpoint (before: "no link for item 0")', async () => {
		sandbox.fault({
			path: /\/linkbuilder\/generate-batch$/,
			status: 200,
			body: MAINTENANCE_PAGE,
			times: 5,
		});

		const run = await runWorkflow(
			workflowOf(
				awinNode({
					resource: 'link',
					operation: 'generate',
					publisherId: { __rl: true, mode: 'id', value: '20001' },
					advertiserId: 1001,
					destinationUrl: 'https://www.demoshoes.co.uk/p/1',
					options: { maxTries: 2 },
				}),
			),
			{ credentials: credentialsFor(sandbox) },
		);

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/^Awin's answer to POST \/publishers\/20001\/linkbuilder\/generate-batch was incomplete or not from Awin \(200, 2 tries\): expected a JSON object with "responses", got an HTML page$/,
		);
		expect(sandbox.requestsTo(/generate-batch$/)).toHaveLength(2);
	});

	test('Link > Generate with Short Links, 200 JSON cut short on every try: fails naming the single endpoint', async () => {
		sandbox.fault({
			path: /\/linkbuilder\/generate$/,
			status: 200,
			body: '{"url":"https://www.awin1.com/cread.php?awinmid=1001',
			headers: json,
			times: 5,
		});

		const run = await runWorkflow(
			workflowOf(
				awinNode({
					resource: 'link',
					operation: 'generate',
					publisherId: { __rl: true, mode: 'id', value: '20001' },
					advertiserId: 1001,
					options: { maxTries: 2, shorten: true },
				}),
			),
			{ credentials: credentialsFor(sandbox) },
		);

		expect(run.status).toBe('error');
		expect(run.nodes.Awin.error?.message).toMatch(
			/^Awin's answer to POST \/publishers\/20001\/linkbuilder\/generate was incomplete .*got text that is not complete JSON$/,
		);
	});
});

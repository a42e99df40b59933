/**
 * "Skip Orders Already Sent" through the engine, with n8n's de-duplication helpers backed by the
 * harness's store (test/harness/deduplication.ts; n8n's own, in PostgreSQL, in test/queue).
 * What a shop sees: a retried webhook or a re-run registers no order twice, and a re-run after a
 * failure sends exactly the orders Awin had not accepted.
 */
import {
	clearDeduplicationStore,
	credentialsFor,
	runWorkflow,
	workflowOf,
} from '../harness/index.ts';
import { useSandbox } from '../client/support.ts';
import {
	asItems,
	conversionNode,
	conversionOrder,
	ordersSent,
	proofOfPurchaseNode,
	proofOfPurchaseOrder,
	TEST_LIMITS,
	TEST_QUOTAS,
} from './setup.ts';

const sandbox = useSandbox({ quotas: TEST_QUOTAS }, TEST_LIMITS);
beforeEach(() => clearDeduplicationStore());

const ORDERS_PATH = /^\/s2s\/advertiser\/\d+\/orders$/;
const skip = { skipAlreadySent: true };

/** References Awin registered (200 answers' successfulOrders), in order. */
function registered(): string[] {
	return sandbox
		.requestsTo(/\/orders$/, 'POST')
		.filter((r) => r.status === 200)
		.flatMap((r) => ordersSent([r]).map((o) => String(o.orderReference)));
}

describe('Skip Orders Already Sent', () => {
	test('the same order in a second execution is not sent again: its item says duplicate', async () => {
		const workflow = workflowOf(conversionNode({ options: skip }));
		const first = await runWorkflow(workflow, {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([conversionOrder('S-1')]) },
		});
		// The shop retries its webhook with the same order and one new one.
		const second = await runWorkflow(workflow, {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: asItems([conversionOrder('S-1'), conversionOrder('S-2')]) },
		});

		expect(first.output('Awin')[0].json).toMatchObject({
			status: 'registered',
			orderReference: 'S-1',
		});
		expect(second.status).toBe('success');
		expect(
			second.output('Awin').map((i) => [i.json.status, i.json.orderReference, i.pairedItem]),
		).toEqual([
			['duplicate', 'S-1', { item: 0 }],
			['registered', 'S-2', { item: 1 }],
		]);
		expect(second.output('Awin')[0].json.alreadySent).toBe(true);
		expect(registered()).toEqual(['S-1', 'S-2']);
	});

	test('without the option the same order is registered twice (Awin has no idempotency key)', async () => {
		const workflow = workflowOf(conversionNode());
		for (let i = 0; i < 2; i++) {
			await runWorkflow(workflow, {
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems([conversionOrder('S-1')]) },
			});
		}
		expect(registered()).toEqual(['S-1', 'S-1']);
	});

	test('a re-run after a failure in the middle of a batch sends exactly the orders not yet accepted', async () => {
		// One call per advertiser: 10001 (two orders), 10002 (meets a server error), 10003 (then not sent).
		const node = conversionNode({
			advertiserId: '={{ $json.advertiser }}',
			orderField: 'order',
			options: { ...skip, maxTries: 1 },
		});
		const orders = [
			{ advertiser: '10001', order: conversionOrder('M-1') },
			{ advertiser: '10001', order: conversionOrder('M-2') },
			{ advertiser: '10002', order: conversionOrder('M-3') },
			{ advertiser: '10003', order: conversionOrder('M-4') },
		].map((json) => ({ json }));
		sandbox.fault({
			path: /^\/s2s\/advertiser\/10002\/orders$/,
			status: 503,
			body: { error: 'unavailable' },
		});

		const first = await runWorkflow(workflowOf(node), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: orders },
		});
		expect(first.status).toBe('error');
		expect(first.error?.description).toContain('Awin registered 2 order(s) in this execution');
		expect(registered()).toEqual(['M-1', 'M-2']);

		sandbox.reset();
		const rerun = await runWorkflow(workflowOf(node), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: orders },
		});
		expect(rerun.status).toBe('success');
		expect(rerun.output('Awin').map((i) => `${i.json.orderReference} ${i.json.status}`)).toEqual([
			'M-1 duplicate',
			'M-2 duplicate',
			'M-3 registered',
			'M-4 registered',
		]);
		// Exactly the two Awin had not accepted went out, and nothing for advertiser 10001.
		expect(registered()).toEqual(['M-3', 'M-4']);
		expect(sandbox.requestsTo(/^\/s2s\/advertiser\/10001\/orders$/)).toHaveLength(0);
	});

	test('an order Awin rejected is sent again by the next execution; one whose fate is unknown is not', async () => {
		const node = conversionNode(
			{ advertiserId: '={{ $json.advertiser }}', orderField: 'order', options: skip },
			{ onError: 'continueRegularOutput' },
		);
		const items = (ref: string) => [
			{ json: { advertiser: '10001', order: conversionOrder(ref) } },
			// The connection drops after this call went out: Awin may hold the order.
			{ json: { advertiser: '10002', order: conversionOrder('U-1') } },
		];
		sandbox.fault({ path: /^\/s2s\/advertiser\/10002\/orders$/, drop: true });
		const first = await runWorkflow(workflowOf(node), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('REJECT-1') },
		});
		expect(first.output('Awin').map((i) => i.json.status)).toEqual(['failed', 'failed']);
		expect(first.output('Awin')[1].json.mayHaveBeenRegistered).toBe(true);

		sandbox.reset();
		// The rejected order goes to Awin again; the one Awin may hold is skipped.
		const rerun = await runWorkflow(workflowOf(node), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('REJECT-1') },
		});
		expect(rerun.output('Awin').map((i) => i.json.status)).toEqual(['failed', 'duplicate']);
		expect(
			ordersSent(sandbox.requestsTo(/\/orders$/, 'POST')).map((o) => o.orderReference),
		).toEqual(['REJECT-1']);
	});

	test('test orders are remembered apart from real ones', async () => {
		const send = async (isTest: boolean) =>
			await runWorkflow(workflowOf(conversionNode({ options: { ...skip, isTest } })), {
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems([conversionOrder('T-9')]) },
			});
		await send(true);
		const real = await send(false);
		const again = await send(false);
		expect(real.output('Awin')[0].json.status).toBe('registered');
		expect(again.output('Awin')[0].json.status).toBe('duplicate');
		expect(
			ordersSent(sandbox.requestsTo(ORDERS_PATH, 'POST')).map((o) => o.isTest ?? false),
		).toEqual([true, false]);
	});

	test('Proof of Purchase: the same order for the same publisher and advertiser is sent once', async () => {
		const workflow = workflowOf(proofOfPurchaseNode({ options: skip }));
		const run = async () =>
			await runWorkflow(workflow, {
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems([proofOfPurchaseOrder('P-1')]) },
			});
		expect((await run()).output('Awin')[0].json.status).toBe('registered');
		expect((await run()).output('Awin')[0].json.status).toBe('duplicate');
		expect(registered()).toEqual(['P-1']);
	});
});

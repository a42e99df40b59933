/**
 * examples/reconcile-shop-awin.json in the real n8n: dry run (the example's default) fills every
 * output of Reconcile and sends nothing; with the switch off, Validate and Create Orders send what
 * the outputs hold. Shopify and Slack are No Operation stand-ins; the Shopify node's orders are
 * pinned, made from a shop planted in the sandbox. Also: the node type n8n serves has outputs that
 * follow the operation, and its AI-tool variant keeps its one tool output.
 */
import assert from 'node:assert/strict';
import path from 'node:path';

import type { AwinSandbox } from '../sandbox/server.ts';
import { SANDBOX_SECRETS } from '../sandbox/server.ts';
import { plantShop } from '../sandbox/shop.ts';
import type { ShopOrderJson } from '../sandbox/shop.ts';
import { check } from './checks.ts';
import { ROOT } from './host.ts';
import type { N8nRest, SavedExecution } from './n8n.ts';
import { outputOf } from './n8n.ts';
import { loadExample, prepareExample } from './workflows.ts';
import type { Credentials } from './workflows.ts';

export const RECONCILE_EXAMPLE = 'reconcile-shop-awin.json';
const RECONCILE = 'Reconcile with Awin';
const DAY = 86_400_000;
const OUTPUTS = 7;

/** A planted order as Shopify's order JSON, the fields Shape Orders reads. */
function asShopify(order: ShopOrderJson, id: number): Record<string, unknown> {
	const refunded = Number(order.refundedAmount || 0);
	return {
		id,
		name: order.orderReference,
		subtotal_price: order.amount,
		currency: order.currency,
		created_at: order.orderDate,
		cancelled_at: order.status === 'voided' ? order.orderDate : null,
		financial_status: order.status,
		refunds: refunded ? [{ refund_line_items: [{ subtotal: refunded }] }] : [],
		note_attributes: order.awc ? [{ name: 'awc', value: order.awc }] : [],
	};
}

export async function reconcileChecks(
	rest: N8nRest,
	sb: AwinSandbox,
	credentials: Credentials,
	packageName: string,
): Promise<void> {
	await check(
		'Awin node type: outputs follow the operation; the AI tool variant has its one tool output',
		async () => {
			const types = (await rest.types('nodes')) as Array<{ name: string; outputs: unknown }>;
			const awin = types.find((t) => t.name === `${packageName}.awin`);
			const tool = types.find((t) => t.name === `${packageName}.awinTool`);
			assert.match(String(awin?.outputs), /^=\{\{.*"reconcile".*"In Awin Only".*\["main"\]\}\}$/s);
			assert.deepEqual(tool?.outputs, ['ai_tool']);
		},
	);

	const file = path.join(ROOT, 'examples', RECONCILE_EXAMPLE);
	const prepared = prepareExample(loadExample(file), RECONCILE_EXAMPLE, packageName, credentials);
	if ('skip' in prepared) throw new Error(prepared.skip);
	const both = { awinApi: credentials.awinApi, awinConversionApi: credentials.awinConversionApi };
	for (const node of prepared.workflow.nodes)
		if (node.type === `${packageName}.awin`) node.credentials = both;
	const shop = plantShop(sb, { start: Date.now() - 44 * DAY, days: 43, cases: 24 * 3 });
	prepared.workflow.pinData = {
		'Shopify Orders': shop.orders.map((order, i) => ({ json: asShopify(order, i + 1) })),
	};

	const run = async (dryRun: boolean): Promise<SavedExecution> => {
		const workflow = structuredClone(prepared.workflow);
		const settings = workflow.nodes.find((n) => n.name === 'Settings') as unknown as {
			parameters: { assignments: { assignments: Array<{ name: string; value: unknown }> } };
		};
		const flag = settings.parameters.assignments.assignments.find((a) => a.name === 'dryRun');
		assert.equal(flag?.value, true, 'the example is imported in dry run');
		if (flag) flag.value = dryRun;
		const saved = await rest.createWorkflow({
			...workflow,
			name: `e2e: ${workflow.name} (dry run ${dryRun})`,
			active: false,
		});
		sb.reset();
		const execution = await rest.execution(await rest.runManually(saved.id, prepared.start.name));
		const { resultData } = execution.data;
		assert.equal(
			execution.status,
			'success',
			`${resultData.error?.message ?? ''} ${resultData.error?.description ?? ''}`,
		);
		for (const secret of Object.values(SANDBOX_SECRETS))
			assert.ok(!execution.raw.includes(secret), 'a secret is stored in the execution');
		return execution;
	};
	const ran = (execution: SavedExecution, node: string) =>
		(execution.data.resultData.runData[node]?.length ?? 0) > 0;

	await check(
		`example ${RECONCILE_EXAMPLE} in dry run: every output of Reconcile fills, only reads reach Awin, nothing is sent`,
		async () => {
			const execution = await run(true);
			const outputs = Array.from({ length: OUTPUTS }, (_, i) => outputOf(execution, RECONCILE, i));
			assert.deepEqual(
				outputs.map((items) => items.length > 0),
				new Array(OUTPUTS).fill(true),
				`items per output: ${outputs.map((o) => o.length).join(', ')}`,
			);
			const counts = [
				'matched',
				'missingInAwin',
				'decline',
				'amend',
				'declinedAtAwin',
				'inAwinOnly',
			].map((key, i) => [key, outputs[i].length]);
			assert.deepEqual(Object.fromEntries(counts), shop.outputs);
			for (const items of outputs)
				for (const item of items)
					assert.ok(item.pairedItem !== undefined, 'an item without pairedItem');
			assert.deepEqual(
				[...new Set(sb.requests.map((r) => `${r.method} ${r.path}`))],
				['GET /advertisers/10001/transactions/'],
			);
			for (const node of ['Create Missing Orders', 'Decline and Amend', 'Post to Slack'])
				assert.ok(!ran(execution, node), `${node} ran in dry run`);
			for (const node of ['Dry Run: Orders', 'Dry Run: Validations', 'Dry Run: Summary'])
				assert.ok(ran(execution, node), `${node} did not run`);
			const text = String(outputOf(execution, 'Summary Message')[0]?.json.text);
			assert.match(text, /^DRY RUN, nothing sent to Awin\. Awin reconciliation, 72 orders/);
			console.log(`        ${text.slice(0, 200)}…`);
		},
	);

	await check(
		`example ${RECONCILE_EXAMPLE} with dry run off: Validate declines and amends, Create Orders sends the missing`,
		async () => {
			const execution = await run(false);
			const declines = outputOf(execution, RECONCILE, 2).length;
			const amends = outputOf(execution, RECONCILE, 3).length;
			const batches = sb.requestsTo(/^\/advertisers\/10001\/transactions\/batch$/, 'POST');
			const sent = batches.flatMap((r) => r.body as Array<{ action: string }>);
			assert.equal(sent.filter((v) => v.action === 'decline').length, declines);
			assert.equal(sent.filter((v) => v.action === 'amend').length, amends);
			const orders = sb
				.requestsTo(/^\/s2s\/advertiser\/10001\/orders$/, 'POST')
				.flatMap((r) => (r.body as { orders: unknown[] }).orders);
			assert.equal(orders.length, shop.reasons['missingInAwin/resend']);
			assert.ok(ran(execution, 'Post to Slack'), 'the summary was not posted');
			assert.ok(!ran(execution, 'Dry Run: Validations'), 'the dry-run branch ran');
		},
	);
}

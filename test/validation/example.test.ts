import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { AwinSandbox, WorkflowJson } from '../harness/index.ts';
import { credentialsFor, PACKAGE_ROOT, runWorkflow, startSandbox } from '../harness/index.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

const example = JSON.parse(
	readFileSync(path.join(PACKAGE_ROOT, 'examples', 'refunds-decline-awin.json'), 'utf8'),
) as WorkflowJson;

test('refunds example: a refunded order is declined by order number and date', async () => {
	expect(example.nodes.find((n) => n.name === 'Shopify Trigger')).toMatchObject({
		type: 'n8n-nodes-base.shopifyTrigger',
		parameters: { topic: 'refunds/create' },
	});
	// Shopify's nodes are stand-ins here: the run starts with the orders "Get the order" returns.
	const run = await runWorkflow(example, {
		credentials: credentialsFor(sandbox),
		start: {
			node: 'Get the order',
			items: [
				{
					json: {
						id: 5821993615439,
						name: '#1001',
						order_number: 1001,
						created_at: '2024-05-01T10:00:00+02:00',
						financial_status: 'refunded',
					},
				},
				{
					json: {
						id: 5821993615440,
						name: '#1002',
						order_number: 1002,
						created_at: '2024-05-02T08:15:00+01:00',
						financial_status: 'refunded',
					},
				},
			],
		},
	});

	expect(run.status).toBe('success');
	const [call] = sandbox.requestsTo(/\/transactions\/batch$/);
	expect(call.path).toBe('/advertisers/12345/transactions/batch');
	// The same reference the Shopify order example sends: the order number without "#".
	expect(call.body).toEqual([
		{
			action: 'decline',
			transaction: {
				orderRef: '1001',
				transactionDate: '2024-05-01T09:00:00',
				timezone: 'Europe/London',
				declineReason: 'Order refunded in Shopify',
			},
		},
		{
			action: 'decline',
			transaction: {
				orderRef: '1002',
				transactionDate: '2024-05-02T08:15:00',
				timezone: 'Europe/London',
				declineReason: 'Order refunded in Shopify',
			},
		},
	]);
	expect(run.output('Awin').map((i) => i.json.status)).toEqual(['submitted', 'submitted']);
});

test('the Shopify order example and the refund example use the same order reference', () => {
	const orders = JSON.parse(
		readFileSync(path.join(PACKAGE_ROOT, 'examples', 'shopify-order-to-awin.json'), 'utf8'),
	) as WorkflowJson;
	const sent = orders.nodes.find((n) => n.type === 'n8n-nodes-awin.awin')?.parameters
		.orderReference;
	const declined = example.nodes.find((n) => n.type === 'n8n-nodes-awin.awin')?.parameters.orderRef;
	expect(sent).toBeTruthy();
	expect(declined).toBe(sent);
});

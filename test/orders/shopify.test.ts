import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { AwinSandbox, WorkflowJson } from '../harness/index.ts';
import { credentialsFor, PACKAGE_ROOT, runWorkflow, startSandbox } from '../harness/index.ts';
import { shrinkLimits, TEST_QUOTAS } from './setup.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	shrinkLimits();
	sandbox = await startSandbox({ quotas: TEST_QUOTAS });
});
afterAll(async () => await sandbox.close());

const example = JSON.parse(
	readFileSync(path.join(PACKAGE_ROOT, 'examples/shopify-order-to-awin.json'), 'utf8'),
) as WorkflowJson;
const shopifyOrder = JSON.parse(
	readFileSync(path.join(__dirname, 'fixtures/shopify-order.json'), 'utf8'),
) as IDataObject;

test('the Shopify example workflow turns a Shopify order into an Awin order', async () => {
	const awin = example.nodes.find((n) => n.type === 'n8n-nodes-awin.awin');
	expect(awin?.parameters).toMatchObject({ resource: 'conversion', operation: 'createOrders' });
	expect(example.nodes.find((n) => n.name === 'Shopify Trigger')).toMatchObject({
		type: 'n8n-nodes-base.shopifyTrigger',
		parameters: { topic: 'orders/create' },
	});

	// The trigger hands on the order Shopify posted (other packages' nodes pass items through here).
	const run = await runWorkflow(example, {
		credentials: credentialsFor(sandbox),
		start: { node: 'Shopify Trigger', items: [{ json: shopifyOrder }] },
	});

	expect(run.status).toBe('success');
	const [call] = sandbox.requestsTo(/\/orders$/);
	expect(call.path).toBe('/s2s/advertiser/12345/orders');
	expect(call.body).toEqual({
		orders: [
			{
				orderReference: '1001',
				amount: 85.5,
				channel: 'aw',
				currency: 'GBP',
				isTest: true,
				awc: '1001_1762859852_8274157abd074b7aa8d4ddb21e741d11',
				customerAcquisition: 'NEW',
				commissionGroups: [{ code: 'DEFAULT', amount: 85.5 }],
				basket: [
					{
						id: '44123456789012',
						name: 'Linen Shirt',
						price: 55,
						quantity: 1,
						commissionGroupCode: 'DEFAULT',
						category: 'Shirts & Co',
						sku: 'LS-M-BLUE',
					},
					{
						id: '44123456789013',
						name: 'Canvas Tote',
						price: 20,
						quantity: 2,
						commissionGroupCode: 'DEFAULT',
						category: 'General',
						sku: '44123456789013',
					},
				],
			},
		],
	});
	expect(run.output('Awin')[0].json).toMatchObject({
		status: 'registered',
		orderReference: '1001',
	});
});

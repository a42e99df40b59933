import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode, INodeExecutionData } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/index.ts';
import { PACKAGE_ROOT, credentialsFor, nodeTypes, runWorkflow } from '../harness/index.ts';
import { trackingUrl } from '../sandbox/routes/publisher.ts';
import { useSandbox } from './setup.ts';

const env = useSandbox();
const example = JSON.parse(
	readFileSync(path.join(PACKAGE_ROOT, 'examples/publisher-links-for-products.json'), 'utf8'),
) as WorkflowJson;

/** The products the example's Code node returns (the harness does not run n8n's Code node). */
function productsOf(workflow: WorkflowJson) {
	const code = workflow.nodes.find((n) => n.name === 'Products')?.parameters.jsCode as string;
	return new Function(code)() as INodeExecutionData[];
}

describe('examples/publisher-links-for-products.json', () => {
	test('is a workflow of a manual trigger, a product list and the Awin node set to Link > Generate', () => {
		// Beside the note saying what to change.
		const working = example.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
		expect(working.map((n) => n.type)).toEqual([
			'n8n-nodes-base.manualTrigger',
			'n8n-nodes-base.code',
			'n8n-nodes-awin.awin',
		]);
		const awin = example.nodes[2];
		expect(awin.parameters).toMatchObject({ resource: 'link', operation: 'generate' });
		// Every parameter it sets is one the node offers.
		const names = new Set(
			nodeTypes['n8n-nodes-awin.awin'].description.properties.map((p) => p.name),
		);
		for (const name of Object.keys(awin.parameters)) expect(names).toContain(name);
	});

	test('turns the product list into tracking links, one per product, with the product fields kept', async () => {
		const workflow = structuredClone(example);
		const awin = workflow.nodes[2] as INode;
		// What a user does after importing: pick the publisher account and the credential.
		awin.parameters.publisherId = { __rl: true, mode: 'id', value: '20001' };
		awin.credentials = { awinApi: { id: '1', name: 'Awin API' } };
		const products = productsOf(workflow);

		const result = await runWorkflow(workflow, {
			credentials: credentialsFor(env.sandbox),
			start: { node: 'Products', items: products },
		});

		expect(result.status).toBe('success');
		expect(env.sandbox.requestsTo(/generate-batch/)).toHaveLength(1);
		const links = result.output('Awin tracking links');
		expect(links).toHaveLength(products.length);
		links.forEach((link, i) => {
			const { advertiserId, url, sku } = products[i].json as {
				advertiserId: number;
				url: string;
				sku: string;
			};
			expect(link.pairedItem).toEqual({ item: i });
			expect(link.json).toMatchObject({ ...products[i].json });
			expect(link.json.trackingUrl).toBe(
				trackingUrl('20001', {
					advertiserId,
					destinationUrl: url,
					parameters: { campaign: 'product-links', clickref: sku },
				}),
			);
		});
	});
});

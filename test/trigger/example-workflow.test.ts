/**
 * examples/reward-member-on-awin-transaction.json: well-formed for n8n's import, its trigger
 * settings exist on the node, and a notification sent to it starts the workflow and reaches the
 * next node. (Nodes of n8n-nodes-base are stand-ins in this harness, so the Code nodes are only
 * checked to compile.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/index.ts';
import { nodeTypes, PACKAGE_ROOT, startWebhookEndpoint } from '../harness/index.ts';

const example = JSON.parse(
	readFileSync(
		path.join(PACKAGE_ROOT, 'examples', 'reward-member-on-awin-transaction.json'),
		'utf8',
	),
) as WorkflowJson & { name: string };
const trigger = example.nodes.find((n) => n.type === 'n8n-nodes-awin.awinTrigger')!;

describe('example: reward a member on an Awin transaction', () => {
	test('has what n8n needs to import it: unique names, ids, positions, connections between existing nodes', () => {
		const names = example.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		for (const node of example.nodes) {
			expect(node).toEqual(
				expect.objectContaining({
					id: expect.any(String),
					type: expect.any(String),
					typeVersion: expect.any(Number),
					parameters: expect.any(Object),
				}),
			);
			expect(node.position).toHaveLength(2);
		}
		for (const [from, outputs] of Object.entries(example.connections)) {
			expect(names).toContain(from);
			for (const output of outputs.main ?? [])
				for (const target of output ?? []) expect(names).toContain(target.node);
		}
	});

	test("the trigger's parameters are ones the node has, with allowed values", () => {
		const { properties } = nodeTypes['n8n-nodes-awin.awinTrigger'].description;
		const byName = new Map(properties.map((p) => [p.name, p]));
		for (const key of Object.keys(trigger.parameters)) expect(byName.has(key)).toBe(true);
		const events = (byName.get('event')!.options as Array<{ value: string }>).map((o) => o.value);
		expect(events).toContain(trigger.parameters.event);
		const optionNames = (byName.get('options')!.options as INodeProperties[]).map((o) => o.name);
		for (const key of Object.keys(trigger.parameters.options as object))
			expect(optionNames).toContain(key);
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('the Code nodes compile', () => {
		for (const node of example.nodes.filter((n) => n.type === 'n8n-nodes-base.code')) {
			// The Code node runs the text as the body of an async function.
			expect(
				() =>
					new Function(
						'$input',
						'$getWorkflowStaticData',
						`return (async () => {${String(node.parameters.jsCode)}})`,
					),
			).not.toThrow();
		}
	});

	test('a POST notification with the secret starts it and reaches the cashback step', async () => {
		// The secret lives in the Awin Trigger Secret credential the user creates, not in the example.
		const token = 'a-long-random-member-secret';
		const endpoint = await startWebhookEndpoint(example, {
			credentials: { awinTriggerSecretApi: { secretToken: token } },
		});
		try {
			const call = await endpoint.send('POST', `?token=${token}`, {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					AwinTransactionPush: JSON.stringify({
						transactionId: '31337',
						commission: '8.00',
						clickRef: 'member-42',
						transactionCurrency: 'EUR',
					}),
				}).toString(),
			});
			expect(call.status).toBe(200);
			expect(call.run?.output('Cashback for the member').map((i) => i.json)).toEqual([
				{
					transactionId: '31337',
					commission: 8,
					clickRef: 'member-42',
					transactionCurrency: 'EUR',
				},
			]);
			const refused = await endpoint.send('POST', '', {
				headers: { 'content-type': 'application/json' },
				body: '{"transactionId":"1"}',
			});
			expect(refused.status).toBe(401);
		} finally {
			await endpoint.close();
		}
	});
});

/**
 * Awin Trigger version 2: the secret lives in a credential, not in
 * the workflow JSON; a short secret is refused; "None" is an explicit choice. Version 1 keeps
 * working as it was (the other trigger tests run version 1 with its Secret Token parameter).
 */
import type { INode } from 'n8n-workflow';

import type { WebhookEndpoint, WorkflowJson } from '../harness/index.ts';
import { startWebhookEndpoint } from '../harness/index.ts';
import { triggerWorkflow } from './helpers.ts';

const LONG_SECRET = 'c5b1f0e2a9d84b7f9e1d2c3b4a5f6e7d';

function version2(parameters: Record<string, unknown>, withCredential = true): WorkflowJson {
	const workflow = triggerWorkflow(parameters);
	const trigger: INode = {
		...workflow.nodes[0],
		typeVersion: 2,
		...(withCredential
			? { credentials: { awinTriggerSecretApi: { id: 'secret-1', name: 'Awin Trigger Secret' } } }
			: {}),
	};
	return { ...workflow, nodes: [trigger, ...workflow.nodes.slice(1)] };
}

const notification = { transactionId: '555001', commission: '1.50', clickRef: 'abc' };
const query = (extra: Record<string, string> = {}) =>
	`?${new URLSearchParams({ ...notification, ...extra }).toString()}`;

describe('Awin Trigger v2: authentication from a credential', () => {
	let endpoint: WebhookEndpoint;
	const workflow = version2({ event: 'transactionNotification', options: {} });
	beforeAll(async () => {
		endpoint = await startWebhookEndpoint(workflow, {
			credentials: { awinTriggerSecretApi: { secretToken: LONG_SECRET } },
		});
	});
	afterAll(async () => await endpoint.close());

	test('the saved workflow holds no secret: it is only in the credential', () => {
		expect(JSON.stringify(workflow)).not.toContain(LONG_SECRET);
		expect(workflow.nodes[0].parameters).not.toHaveProperty('secretToken');
	});

	test('a push without the token is refused with 401 and starts nothing', async () => {
		const call = await endpoint.send('GET', query());
		expect(call.status).toBe(401);
		expect(call.started).toBe(false);
	});

	test("a push with the credential's secret starts the workflow and is answered {received, items}", async () => {
		const call = await endpoint.send('GET', query({ token: LONG_SECRET }));
		expect(call.status).toBe(200);
		expect(call.body).toEqual({ received: true, items: 1 });
		expect(call.items).toHaveLength(1);
		expect(call.items[0].json.transactionId).toBe('555001');
		expect(JSON.stringify(call.items)).not.toContain(LONG_SECRET);
	});
});

test('a secret shorter than 16 characters refuses every push (even one carrying it) and names the rule', async () => {
	const endpoint = await startWebhookEndpoint(
		version2({ event: 'transactionNotification', options: {} }),
		{
			credentials: { awinTriggerSecretApi: { secretToken: 'short' } },
		},
	);
	try {
		const call = await endpoint.send('GET', query({ token: 'short', transactionId: '555002' }));
		expect(call.status).toBe(500);
		expect(call.started).toBe(false);
		expect(JSON.stringify(call.body)).toMatch(/5 characters long; it must have at least 16/);
	} finally {
		await endpoint.close();
	}
});

test('Authentication "None" is an explicit choice: any push starts the workflow', async () => {
	const endpoint = await startWebhookEndpoint(
		version2({ event: 'transactionNotification', authentication: 'none', options: {} }, false),
	);
	try {
		const call = await endpoint.send('GET', query({ transactionId: '555003' }));
		expect(call.status).toBe(200);
		expect(call.started).toBe(true);
	} finally {
		await endpoint.close();
	}
});

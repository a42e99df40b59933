/**
 * The Awin Trigger as Awin reaches it: its production webhook URL in n8n, and sample notifications
 * in the shapes Awin sends (../shared/reference/awin-api.md "Pushes Awin sends").
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ROOT } from './host.ts';
import type { WorkflowNode } from './workflows.ts';

const require = createRequire(path.join(ROOT, 'package.json'));

export function triggerNode(type: string, event: string, secretToken: string): WorkflowNode {
	return {
		id: randomUUID(),
		name: 'Awin Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { event, secretToken, options: {} },
	};
}

/** The node's production URL, computed as n8n computes it (NodeHelpers.getNodeWebhookPath). */
export function webhookUrl(baseUrl: string, workflowId: string, node: WorkflowNode): string {
	const { NodeHelpers } = require('n8n-workflow') as typeof import('n8n-workflow');
	const built = require(
		path.join(ROOT, 'dist', 'nodes', 'AwinTrigger', 'AwinTrigger.node.js'),
	) as Record<
		string,
		new () => { description: { webhooks?: Array<{ path: string; isFullPath?: boolean }> } }
	>;
	const [webhook] = new (Object.values(built)[0])().description.webhooks ?? [];
	if (!webhook || typeof webhook.path !== 'string' || webhook.path.startsWith('=')) {
		throw new Error(
			'the Awin Trigger has no static webhook path; teach test/e2e/trigger.ts how to find its URL',
		);
	}
	const webhookPath = NodeHelpers.getNodeWebhookPath(
		workflowId,
		node as never,
		webhook.path,
		webhook.isFullPath === true,
	);
	return `${baseUrl}/webhook/${webhookPath.replace(/^\/+/, '')}`;
}

export interface Notification {
	label: string;
	method: 'GET' | 'POST';
	query?: Record<string, string>;
	headers?: Record<string, string>;
	body?: string;
	/** Values the emitted items must contain. */
	expect: string[];
}

/** Each call gives new ids: the trigger ignores a batch or transaction it has seen before. */
let serial = 0;

export function sampleNotifications(event: string): Notification[] {
	serial++;
	if (event === 'conversionBatch') {
		const batchId = `e2e-batch-${Date.now()}-${serial}`;
		return [
			{
				label: 'POST JSON batch notification',
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					batchId,
					successfulOrders: [{ orderReference: 'E2E-1001', correlationId: 'corr-1' }],
					pendingOrders: [{ orderReference: 'E2E-1002', correlationId: 'corr-2' }],
					failedOrders: [
						{
							orderReference: 'E2E-1003',
							correlationId: 'corr-3',
							code: 'VAL_NO_CLICKS_MATCHED',
							message: 'No clicks matched',
						},
					],
					timestamp: Math.floor(Date.now() / 1000),
				}),
				expect: [batchId, 'E2E-1001', 'E2E-1003', 'VAL_NO_CLICKS_MATCHED'],
			},
		];
	}
	const transaction = {
		transactionId: String(900_000_000 + serial * 10),
		transactionDate: '2026-11-20 14:05:00',
		transactionAmount: '49.99',
		transactionCurrency: 'GBP',
		commission: '2.50',
		merchantId: '10001',
		affiliateId: '20001',
		clickRef: 'member-42',
	};
	return [
		{
			label: 'GET with macros',
			method: 'GET',
			query: { ...transaction, clickRef2: '!!!clickRef2!!!' },
			expect: [transaction.transactionId, 'member-42'],
		},
		{
			label: 'POST form AwinTransactionPush',
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				AwinTransactionPush: JSON.stringify({
					...transaction,
					transactionId: String(900_000_001 + serial * 10),
				}),
			}).toString(),
			expect: [String(900_000_001 + serial * 10), 'member-42'],
		},
	];
}

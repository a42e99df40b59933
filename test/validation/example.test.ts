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

test('examples/refunds-decline-awin.json: a refund posted to the webhook declines its transaction by order reference and date', async () => {
	const run = await runWorkflow(example, {
		credentials: credentialsFor(sandbox),
		start: {
			node: 'Refund Webhook',
			items: [
				{ json: { headers: {}, query: {}, body: { orderRef: '1001', orderDate: '2024-05-01T10:00:00+02:00', reason: 'customer returned the order' } } },
				{ json: { headers: {}, query: {}, body: { orderRef: '1002', orderDate: '2024-05-02T08:15:00+01:00' } } },
			],
		},
	});

	expect(run.status).toBe('success');
	const [call] = sandbox.requestsTo(/\/transactions\/batch$/);
	expect(call.path).toBe('/advertisers/12345/transactions/batch');
	expect(call.body).toEqual([
		{
			action: 'decline',
			transaction: {
				orderRef: '1001',
				transactionDate: '2024-05-01T09:00:00',
				timezone: 'Europe/London',
				declineReason: 'customer returned the order',
			},
		},
		{
			action: 'decline',
			transaction: { orderRef: '1002', transactionDate: '2024-05-02T08:15:00', timezone: 'Europe/London', declineReason: 'Order refunded' },
		},
	]);
	expect(run.output('Awin').map((i) => i.json.status)).toEqual(['submitted', 'submitted']);
});

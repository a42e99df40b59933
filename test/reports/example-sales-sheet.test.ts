/**
 * examples/sales-sheet-kept-current.json runs as imported: the last 60 days of sales reach the
 * sheet node as flat rows keyed by id.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';

import type { AwinSandbox, WorkflowJson } from '../harness/index.ts';
import { credentialsFor, PACKAGE_ROOT, runWorkflow, startSandbox } from '../harness/index.ts';

let sandbox: AwinSandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

const load = (): WorkflowJson =>
	JSON.parse(
		readFileSync(path.join(PACKAGE_ROOT, 'examples/sales-sheet-kept-current.json'), 'utf8'),
	) as WorkflowJson;

test('schedule -> 60 days of transactions -> one sheet row per transaction, by id', async () => {
	const workflow = load();
	const sheet = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.googleSheets');
	// Rows are found by the transaction id and updated, so a status change replaces the old row.
	expect(sheet?.parameters).toMatchObject({
		operation: 'appendOrUpdate',
		columns: { matchingColumns: ['id'] },
	});
	// What a user does after importing: pick the advertiser account. A zone far from UTC shows
	// that "today" follows the workflow's timezone setting.
	const awin = workflow.nodes.find((n) => n.type === 'n8n-nodes-awin.awin');
	(awin?.parameters.advertiserId as { value: string }).value = '10001';
	workflow.settings = { ...workflow.settings, timezone: 'Pacific/Kiritimati' };

	const run = await runWorkflow(workflow, { credentials: credentialsFor(sandbox) });

	expect(run.status).toBe('success');
	const today = DateTime.now().setZone('Pacific/Kiritimati');
	const calls = sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/$/);
	// 61 days in windows of at most 31 days: two calls, the first from 60 days ago.
	expect(calls).toHaveLength(2);
	expect(String(calls[0].query.startDate)).toMatch(
		new RegExp(`^${today.minus({ days: 60 }).toFormat('yyyy-MM-dd')}`),
	);
	const rows = run.output('Add or update rows').map((i) => i.json);
	expect(rows.length).toBeGreaterThan(0);
	for (const row of rows)
		expect(row).toEqual(
			expect.objectContaining({ id: expect.anything(), commissionStatus: expect.any(String) }),
		);
	expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
	expect(run.output('Tell the team')).toEqual([]);
});

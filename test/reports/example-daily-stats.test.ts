/** examples/daily-awin-stats-to-sheet.json runs as imported: yesterday's publisher report reaches the sheet node. */
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
	JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'examples/daily-awin-stats-to-sheet.json'), 'utf8')) as WorkflowJson;

test('schedule -> yesterday\'s publisher performance -> sheet, in the workflow\'s timezone', async () => {
	const workflow = load();
	expect(workflow.nodes.map((n) => n.type)).toEqual([
		'n8n-nodes-base.scheduleTrigger',
		'n8n-nodes-awin.awin',
		'n8n-nodes-base.set',
		'n8n-nodes-base.googleSheets',
	]);
	// What a user does after importing: pick the advertiser account. A zone far from UTC shows
	// that "yesterday" follows the workflow's timezone setting.
	const awin = workflow.nodes.find((n) => n.type === 'n8n-nodes-awin.awin');
	(awin?.parameters.advertiserId as { value: string }).value = '10001';
	workflow.settings = { ...workflow.settings, timezone: 'Pacific/Kiritimati' };

	const run = await runWorkflow(workflow, { credentials: credentialsFor(sandbox) });

	expect(run.status).toBe('success');
	const yesterday = DateTime.now().setZone('Pacific/Kiritimati').minus({ days: 1 }).toFormat('yyyy-MM-dd');
	expect(sandbox.requests).toHaveLength(1);
	expect(sandbox.requests[0].path).toBe('/advertisers/10001/reports/publisher');
	expect(sandbox.requests[0].query).toMatchObject({ startDate: yesterday, endDate: yesterday, timezone: 'Europe/London' });
	// The Set and Google Sheets nodes are stand-ins here: the rows arrive at the sheet node.
	expect(run.output('Append to Sheet').map((i) => i.json.publisherId)).toEqual([20001, 30001, 30002]);
});

// examples/list-awin-accounts.json: one GET /accounts?type=advertiser, the sandbox's two advertisers out.
import assert from 'node:assert/strict';

import { SANDBOX_ACCOUNTS } from '../../sandbox/routes/accounts.ts';
import type { AwinSandbox } from '../../sandbox/server.ts';
import { outputOf } from '../n8n.ts';
import type { SavedExecution } from '../n8n.ts';

export default function expect({ execution, sandbox }: { execution: SavedExecution; sandbox: AwinSandbox }): void {
	const calls = sandbox.requestsTo(/^\/accounts$/, 'GET');
	assert.equal(calls.length, 1);
	assert.deepEqual(calls[0].query, { type: 'advertiser' });
	assert.match(calls[0].headers.authorization ?? '', /^Bearer /);
	const names = outputOf(execution, 'Awin advertiser accounts').map((item) => item.json.accountName);
	assert.deepEqual(names, SANDBOX_ACCOUNTS.filter((a) => a.accountType === 'advertiser').map((a) => a.accountName));
}

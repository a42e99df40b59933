// examples/list-awin-accounts.json: one GET /accounts with the token, every sandbox account out, in order.
import assert from 'node:assert/strict';

import { SANDBOX_ACCOUNTS } from '../../sandbox/routes/accounts.ts';
import type { AwinSandbox } from '../../sandbox/server.ts';
import { outputOf } from '../n8n.ts';
import type { SavedExecution } from '../n8n.ts';

export default function expect({
	execution,
	sandbox,
}: {
	execution: SavedExecution;
	sandbox: AwinSandbox;
}): void {
	const calls = sandbox.requestsTo(/^\/accounts$/, 'GET');
	assert.equal(calls.length, 1);
	assert.deepEqual(calls[0].query, {});
	assert.match(calls[0].headers.authorization ?? '', /^Bearer /);
	const accounts = outputOf(execution, 'Awin accounts').map((item) => [
		item.json.accountId,
		item.json.accountName,
	]);
	assert.deepEqual(
		accounts,
		SANDBOX_ACCOUNTS.map((a) => [a.accountId, a.accountName]),
	);
}

// examples/approve-partnership-applications.json, its rules pinned with the dry run off
// (test/e2e/inputs): the pending applications from GB and DE are approved with the message,
// the one from FR goes to the review step.
import assert from 'node:assert/strict';

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
	const [list] = sandbox.requestsTo(/^\/public\/v1\/advertisers\/10001\/publishers$/, 'GET');
	assert.equal(list.query.partnershipStatus, 'APPLICATION_PENDING');
	const approvals = sandbox.requestsTo(/approve-application$/, 'POST');
	assert.deepEqual(approvals.map((r) => r.path).sort(), [
		'/public/v1/advertisers/10001/publishers/30001/approve-application',
		'/public/v1/advertisers/10001/publishers/30002/approve-application',
	]);
	assert.deepEqual(approvals[0].body, {
		message: 'Welcome to our programme! We are glad to work with you.',
	});
	assert.deepEqual(
		outputOf(execution, 'Approve').map((i) => i.json.status),
		['approved', 'approved'],
	);
	assert.deepEqual(
		outputOf(execution, 'Review by Hand').map((i) => (i.json.publisher as { name: string }).name),
		['Coupon Corner'],
	);
}

/**
 * The Awin Partnership Trigger polled like an active workflow (n8n-core's PollContext, static data
 * kept between polls and across a restart) against the sandbox's Public API partnerships.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import type { AwinSandbox, WorkflowJson } from '../harness/index.ts';
import { credentialsFor, startPolling, startSandbox } from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import { apply, partnerships, resetPartnerships } from '../sandbox/routes/partnerships.ts';
import { configurePublicBurst } from '../sandbox/routes/publicApi.ts';

const TRIGGER = 'Awin Partnership Trigger';
const QUOTA = { limit: 1_000, windowMs: 60_000 };

function triggerWorkflow(parameters: INodeParameters): WorkflowJson {
	const trigger: INode = {
		id: 'poll',
		name: TRIGGER,
		type: 'n8n-nodes-awin.awinPartnershipTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { awinApi: { id: '1', name: 'Awin API' } },
	};
	const next: INode = {
		id: 'next',
		name: 'Next',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};
	return {
		nodes: [trigger, next],
		connections: { [TRIGGER]: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
	};
}

const advertiser = {
	event: 'newApplication',
	advertiserId: { __rl: true, mode: 'id', value: '10001' },
};
const ids = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((i) => (i.json.publisher as { id: number }).id);

let sandbox: AwinSandbox;
beforeAll(async () => {
	setLimitsForTests({ quotas: { bearer: QUOTA } });
	sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	resetPartnerships(sandbox);
	configurePublicBurst(sandbox, { limit: 100, windowMs: 1_000 });
});

describe('Awin Partnership Trigger', () => {
	test('each pending application is emitted once, across polls and a restart; a new application, and one made again, come once more', async () => {
		const poller = startPolling(triggerWorkflow(advertiser), {
			credentials: credentialsFor(sandbox),
		});

		const first = await poller.poll();
		expect(first.started).toBe(true);
		expect(ids(first.items).sort()).toEqual([30001, 30002, 30007]);
		expect(first.items[0].json).toMatchObject({
			event: 'newApplication',
			partnership: { status: 'APPLICATION_PENDING' },
		});
		const [call] = sandbox.requestsTo(/^\/public\/v1\/advertisers\/10001\/publishers$/);
		expect(call.query).toMatchObject({ partnershipStatus: 'APPLICATION_PENDING' });

		expect((await poller.poll()).started).toBe(false);
		poller.restart();
		expect((await poller.poll()).started).toBe(false);

		apply(sandbox, 10001, 30099, 'Fresh Deals');
		const third = await poller.poll();
		expect(ids(third.items)).toEqual([30099]);
		expect((await poller.poll()).started).toBe(false);

		// Rejected, then the publisher applies again: a new application to decide on.
		partnerships(sandbox).find((p) => p.publisher.id === 30001)!.partnership.status =
			'APPLICATION_REJECTED';
		expect((await poller.poll()).started).toBe(false);
		apply(sandbox, 10001, 30001, 'Voucher Vault', Date.now() + 1_000);
		expect(ids((await poller.poll()).items)).toEqual([30001]);
	});

	test('Skip Those Pending at Activation: the first poll only records', async () => {
		const poller = startPolling(
			triggerWorkflow({ ...advertiser, options: { skipExisting: true } }),
			{ credentials: credentialsFor(sandbox) },
		);
		expect((await poller.poll()).started).toBe(false);
		apply(sandbox, 10001, 30098, 'Later Media');
		expect(ids((await poller.poll()).items)).toEqual([30098]);
	});

	test('New Invitation watches the publisher side', async () => {
		const poller = startPolling(
			triggerWorkflow({
				event: 'newInvitation',
				publisherId: { __rl: true, mode: 'id', value: '20001' },
			}),
			{ credentials: credentialsFor(sandbox) },
		);
		const first = await poller.poll();
		expect(first.items.map((i) => (i.json.advertiser as { id: number }).id).sort()).toEqual([
			10002, 10003,
		]);
		expect(sandbox.requests[0].path).toBe('/public/v1/publishers/20001/advertisers');
		expect((await poller.poll()).started).toBe(false);
	});

	test('a manual test shows examples and leaves the memory alone', async () => {
		const poller = startPolling(triggerWorkflow(advertiser), {
			credentials: credentialsFor(sandbox),
		});
		const { staticData } = await poller.testRun();
		expect(staticData).toEqual({});
		expect((await poller.poll()).items).toHaveLength(3);
	});
});

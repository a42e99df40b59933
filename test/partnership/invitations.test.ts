import { partnerships } from '../sandbox/routes/partnerships.ts';
import { PUBLISHER, runner, usePublicSandbox } from './setup.ts';

const env = usePublicSandbox();
const run = runner(env);
const statusOf = (advertiserId: number) =>
	partnerships(env.sandbox).find(
		(p) => p.publisher.id === 20001 && p.advertiser.id === advertiserId,
	)?.partnership.status;

const accept = (extra: Record<string, unknown> = {}) => ({
	operation: 'acceptInvitation',
	publisherId: PUBLISHER,
	partnerAdvertiserId: '={{ $json.advertiserId }}',
	termsAccepted: true,
	...extra,
});

describe('Partnership > Accept Invitation', () => {
	test('the terms switch off (the default) refuses every item before any call', async () => {
		const { termsAccepted: _, ...withoutSwitch } = accept();
		const result = await run(withoutSwitch, [{ json: { advertiserId: 10002 } }]);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "I Accept the Terms and Conditions" must be turned on/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('an expression cannot turn the switch on with a text', async () => {
		const result = await run(accept({ termsAccepted: '={{ $json.ok }}' }), [
			{ json: { advertiserId: 10002, ok: 'true' } },
		]);
		expect(result.status).toBe('error');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('accepts with termsAndConditionsAccepted: true; a repeat is alreadyDone', async () => {
		const result = await run(accept(), [
			{ json: { advertiserId: 10002 } },
			{ json: { advertiserId: 10003 } },
		]);

		expect(result.status).toBe('success');
		expect(env.sandbox.requests.map((r) => [r.path, r.body])).toEqual([
			[
				'/public/v1/publishers/20001/advertisers/10002/accept-invitation',
				{ termsAndConditionsAccepted: true },
			],
			[
				'/public/v1/publishers/20001/advertisers/10003/accept-invitation',
				{ termsAndConditionsAccepted: true },
			],
		]);
		expect(
			result.output('Awin').map((i) => [i.json.advertiserId, i.json.status, i.pairedItem]),
		).toEqual([
			['10002', 'accepted', { item: 0 }],
			['10003', 'accepted', { item: 1 }],
		]);
		expect(statusOf(10002)).toBe('ACTIVE');

		const again = await run(accept(), [{ json: { advertiserId: 10002 } }]);
		expect(again.output('Awin')[0].json).toMatchObject({
			status: 'alreadyDone',
			awinSays: 'An active partnership already exists',
		});
	});

	test("422 says why in Awin's words", async () => {
		const result = await run(accept(), [{ json: { advertiserId: 10005 } }]);
		expect(result.nodes.Awin.error?.httpCode).toBe('422');
		expect(result.nodes.Awin.error?.message).toMatch(
			/Not pending: the advertiser's status does not allow starting a partnership/,
		);
	});

	test('404 when the advertiser never invited this publisher', async () => {
		const result = await run(accept(), [{ json: { advertiserId: 19999 } }]);
		expect(result.nodes.Awin.error?.httpCode).toBe('404');
	});
});

const decline = {
	operation: 'declineInvitation',
	publisherId: PUBLISHER,
	partnerAdvertiserId: '={{ $json.advertiserId }}',
};

describe('Partnership > Decline Invitation', () => {
	test('declines with no body; a repeat is alreadyDone', async () => {
		const result = await run(decline, [{ json: { advertiserId: 10003 } }]);
		expect(env.sandbox.requests[0].path).toBe(
			'/public/v1/publishers/20001/advertisers/10003/decline-invitation',
		);
		expect(env.sandbox.requests[0].rawBody).toBe('');
		expect(result.output('Awin')[0].json).toMatchObject({
			advertiserId: '10003',
			status: 'declined',
		});
		expect(statusOf(10003)).toBe('INVITE_REJECTED');

		const again = await run(decline, [{ json: { advertiserId: 10003 } }]);
		expect(again.output('Awin')[0].json).toMatchObject({
			status: 'alreadyDone',
			awinSays: 'The invitation was already declined',
		});
	});

	test("422 when the partnership is already active, in Awin's words", async () => {
		const result = await run(decline, [{ json: { advertiserId: 10001 } }]);
		expect(result.nodes.Awin.error?.message).toMatch(
			/\(422\): Not pending: the partnership is already active/,
		);
	});
});

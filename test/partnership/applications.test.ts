import { partnerships } from '../sandbox/routes/partnerships.ts';
import { ADVERTISER, runner, shown, usePublicSandbox, VIEWER_ADVERTISER } from './setup.ts';

const env = usePublicSandbox();
const run = runner(env);
const statusOf = (publisherId: number) =>
	partnerships(env.sandbox).find((p) => p.advertiser.id === 10001 && p.publisher.id === publisherId)
		?.partnership.status;

const approve = (extra: Record<string, unknown> = {}) => ({
	operation: 'approveApplication',
	advertiserId: ADVERTISER,
	partnerPublisherId: '={{ $json.publisherId }}',
	message: '  Welcome to our programme!  ',
	...extra,
});

describe('Partnership > Approve Application', () => {
	test("approves each item's publisher with the trimmed message as JSON; a repeat is alreadyDone, not an error", async () => {
		const first = await run(approve(), [
			{ json: { publisherId: 30001 } },
			{ json: { publisherId: 30002 } },
		]);

		expect(first.status).toBe('success');
		const calls = env.sandbox.requestsTo(/approve-application$/, 'POST');
		expect(calls.map((c) => c.path)).toEqual([
			'/public/v1/advertisers/10001/publishers/30001/approve-application',
			'/public/v1/advertisers/10001/publishers/30002/approve-application',
		]);
		expect(calls[0].body).toEqual({ message: 'Welcome to our programme!' });
		expect(calls[0].headers['content-type']).toMatch(/^application\/json/);
		expect(shown(first.output('Awin'))).toEqual([
			expect.objectContaining({
				advertiserId: '10001',
				publisherId: '30001',
				status: 'approved',
				pairedItem: { item: 0 },
			}),
			expect.objectContaining({
				advertiserId: '10001',
				publisherId: '30002',
				status: 'approved',
				pairedItem: { item: 1 },
			}),
		]);
		expect(first.output('Awin')[0].json.answer).toMatchObject({
			partnership: { status: 'ACTIVE' },
		});
		expect([statusOf(30001), statusOf(30002)]).toEqual(['ACTIVE', 'ACTIVE']);

		const again = await run(approve(), [{ json: { publisherId: 30001 } }]);
		expect(again.status).toBe('success');
		expect(again.output('Awin')[0].json).toMatchObject({
			publisherId: '30001',
			status: 'alreadyDone',
			awinSays: 'The application was already approved',
		});
	});

	test.each([
		['too short after trimming', '  hi  ', /must be 3 to 1000 characters after trimming/],
		['HTML', 'Welcome <b>aboard</b>', /must not contain HTML/],
		['too long', 'x'.repeat(1001), /must be 3 to 1000 characters after trimming/],
	])(
		'a message that is %s is refused for every item before the first call',
		async (_, message, why) => {
			const result = await run(approve({ message: '={{ $json.message }}' }), [
				{ json: { publisherId: 30001, message: 'Welcome aboard' } },
				{ json: { publisherId: 30002, message } },
			]);
			expect(result.status).toBe('error');
			expect(result.nodes.Awin.error?.message).toMatch(/^Item 1: "Message" /);
			expect(result.nodes.Awin.error?.message).toMatch(why);
			expect(env.sandbox.requests).toHaveLength(0);
		},
	);

	test('a publisher ID that is not a number is refused before any call and never reaches the URL', async () => {
		const result = await run(approve(), [{ json: { publisherId: '30001/../../../accounts' } }]);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "Publisher ID" must be an Awin ID \(a whole number above 0\)/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test("422 says why in Awin's words; with Continue On Fail the other items still go", async () => {
		const result = await run(
			approve(),
			[{ json: { publisherId: 30004 } }, { json: { publisherId: 30001 } }],
			{ onError: 'continueRegularOutput' },
		);

		const [refused, approved] = result.output('Awin');
		expect(refused.json.error).toMatch(
			/^Awin could not do this now \(422\): Not pending: the application was rejected/,
		);
		expect(refused.pairedItem).toEqual({ item: 0 });
		expect(approved.json).toMatchObject({ publisherId: '30001', status: 'approved' });
		expect(statusOf(30004)).toBe('APPLICATION_REJECTED');
	});

	test('403 names the role needed and the account', async () => {
		const result = await run(approve({ advertiserId: VIEWER_ADVERTISER }), [
			{ json: { publisherId: 20001 } },
		]);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.httpCode).toBe('403');
		expect(result.nodes.Awin.error?.message).toBe(
			'Item 0: Awin refused access (403): approving an application needs the Full Access role (or higher) on advertiser account 10002',
		);
	});

	test('404 says the partnership is missing and which Publisher ID to check', async () => {
		const result = await run(approve(), [{ json: { publisherId: 39999 } }]);
		expect(result.nodes.Awin.error?.httpCode).toBe('404');
		expect(result.nodes.Awin.error?.message).toBe(
			'Item 0: Awin found no partnership between advertiser 10001 and publisher 39999 (404)',
		);
		expect(result.nodes.Awin.error?.description).toMatch(
			/No partnership between advertiser 10001 and publisher 39999\. Check the Publisher ID: publisher 39999 does not exist/,
		);
	});

	test.each([
		[400, 'BAD_REQUEST', 'The body contains an unknown field'],
		[415, 'UNSUPPORTED_MEDIA_TYPE', 'The request does not carry a JSON content type'],
	])(
		"Awin's %s fails the item with Awin's words and is not retried",
		async (status, code, detail) => {
			env.sandbox.fault({
				path: /approve-application$/,
				status,
				body: { errors: [{ status: String(status), code, detail }] },
			});
			const result = await run(approve(), [{ json: { publisherId: 30001 } }]);
			expect(result.status).toBe('error');
			expect(result.nodes.Awin.error?.httpCode).toBe(String(status));
			expect(
				`${result.nodes.Awin.error?.message} ${result.nodes.Awin.error?.description}`,
			).toContain(detail);
			expect(env.sandbox.requests).toHaveLength(1);
		},
	);
});

const reject = (extra: Record<string, unknown> = {}) => ({
	operation: 'rejectApplication',
	advertiserId: ADVERTISER,
	partnerPublisherId: '30001',
	reason: 'OTHER_SPECIFY',
	otherReason: 'Your site is not about shoes',
	...extra,
});

describe('Partnership > Reject Application', () => {
	test('OTHER_SPECIFY goes with Other Reason; a repeat is alreadyDone', async () => {
		const result = await run(reject());
		expect(env.sandbox.requests[0].body).toEqual({
			reason: 'OTHER_SPECIFY',
			otherReason: 'Your site is not about shoes',
		});
		expect(result.output('Awin')[0].json).toMatchObject({
			publisherId: '30001',
			status: 'rejected',
		});
		expect(statusOf(30001)).toBe('APPLICATION_REJECTED');

		const again = await run(reject());
		expect(again.output('Awin')[0].json).toMatchObject({
			status: 'alreadyDone',
			awinSays: 'The application was already rejected',
		});
	});

	test("a reason code from Awin's list goes alone, without Other Reason", async () => {
		const result = await run(reject({ reason: 'code', reasonCode: 'region_not_suitable' }));
		expect(result.status).toBe('success');
		expect(env.sandbox.requests[0].body).toEqual({ reason: 'REGION_NOT_SUITABLE' });
	});

	test.each([
		[{ otherReason: '   ' }, /^Item 0: "Other Reason" must be 1 to 1000 characters/],
		[{ otherReason: 'x'.repeat(1001) }, /^Item 0: "Other Reason" must be 1 to 1000 characters/],
		[
			{ reason: 'code', reasonCode: 'not a code!' },
			/^Item 0: "Reason Code" must be a code from Awin's list/,
		],
		[
			{ reason: 'code', reasonCode: 'OTHER_SPECIFY' },
			/^Item 0: "Reason Code" .*choose "Other \(Write the Reason\)"/,
		],
	])('%o is refused before any call', async (extra, why) => {
		const result = await run(reject(extra));
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(why);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test("422 says why in Awin's words", async () => {
		const result = await run(reject({ partnerPublisherId: '30005' }));
		expect(result.nodes.Awin.error?.message).toMatch(
			/\(422\): Not pending: the publisher was invited/,
		);
	});
});

/**
 * Awin's documented refusals of the Public API operations that the other files of this folder do
 * not already show: what the user reads on the item, and that nothing else goes after a refusal.
 */
import { SANDBOX_SECRETS } from '../harness/index.ts';
import type { RunResult } from '../harness/index.ts';
import { partnerships } from '../sandbox/routes/partnerships.ts';
import {
	ADVERTISER,
	PUBLISHER,
	runner,
	shown,
	usePublicSandbox,
	VIEWER_ADVERTISER,
} from './setup.ts';

const env = usePublicSandbox();
const run = runner(env);
const NOT_MEMBER_ADVERTISER = { __rl: true, mode: 'id', value: '10003' };
const VIEWER_PUBLISHER = { __rl: true, mode: 'id', value: '20002' };
const tagsOf = (advertiserId: number, publisherId: number) =>
	partnerships(env.sandbox).find(
		(p) => p.advertiser.id === advertiserId && p.publisher.id === publisherId,
	)?.tags;

/** The node's error, its item, and no secret anywhere in the run. */
function refusal(result: RunResult) {
	expect(result.status).toBe('error');
	expect(result.serialized).not.toContain(SANDBOX_SECRETS.apiToken);
	const error = result.nodes.Awin.error;
	return {
		httpCode: error?.httpCode,
		message: error?.message,
		said: `${error?.message} ${error?.description}`,
		item: error?.context?.itemIndex,
	};
}

describe('Partnership > Get Tags refusals', () => {
	const getTags = (advertiserId: unknown, publisherId: string) => ({
		operation: 'getTags',
		advertiserId,
		partnerPublisherId: publisherId,
	});

	test('403 names the role needed and the account', async () => {
		const result = await run(getTags(NOT_MEMBER_ADVERTISER, '20001'));
		expect(refusal(result)).toMatchObject({
			httpCode: '403',
			item: 0,
			message:
				'Item 0: Awin refused access (403): reading partnership tags needs the Restricted Viewer role' +
				' (or higher) on advertiser account 10003',
		});
	});

	test("404 fails only that item with Awin's words under Continue On Fail", async () => {
		const result = await run(
			getTags(ADVERTISER, '={{ $json.publisherId }}'),
			[{ json: { publisherId: 39999 } }, { json: { publisherId: 20001 } }],
			{ onError: 'continueRegularOutput' },
		);
		const [missing, found] = result.output('Awin');
		expect(missing.pairedItem).toEqual({ item: 0 });
		expect(missing.json).toMatchObject({
			httpCode: '404',
			error: 'Item 0: Awin found no partnership between advertiser 10001 and publisher 39999 (404)',
		});
		// Awin's words, then what to check: the partner, not the account that was reached.
		expect(missing.json.errorDetails).toMatch(
			/No partnership between advertiser 10001 and publisher 39999\. Check the Publisher ID: publisher 39999 does not exist, or has no application, invitation or partnership with advertiser account 10001\.$/,
		);
		expect(shown([found])).toEqual([
			expect.objectContaining({ publisherId: '20001', tags: ['cashback', 'top-10'] }),
		]);
		expect(result.serialized).not.toContain(SANDBOX_SECRETS.apiToken);
	});
});

describe('Partnership > Set Tags refusals', () => {
	const setTags = (tagMode: string, extra: Record<string, unknown> = {}) => ({
		operation: 'setTags',
		advertiserId: ADVERTISER,
		partnerPublisherId: '={{ $json.publisherId }}',
		tagMode,
		tagNames: 'vip',
		...extra,
	});

	test.each(['replace', 'add', 'remove'])(
		'%s: 403 names the role and account; the next item is not sent',
		async (mode) => {
			const result = await run(setTags(mode, { advertiserId: VIEWER_ADVERTISER }), [
				{ json: { publisherId: 20001 } },
				{ json: { publisherId: 20001 } },
			]);
			expect(refusal(result)).toMatchObject({
				httpCode: '403',
				item: 0,
				message:
					'Item 0: Awin refused access (403): changing partnership tags needs the Full Access role' +
					' (or higher) on advertiser account 10002',
			});
			// Add and Remove may read first (a Viewer may read); one write only, then nothing.
			expect(env.sandbox.requests.map((r) => r.method)).toEqual(
				mode === 'replace' ? ['PUT'] : ['GET', 'PUT'],
			);
			expect(tagsOf(10002, 20001)).toEqual([]);
		},
	);

	test.each(['replace', 'add', 'remove'])(
		"%s: 404 fails the item with Awin's words; the next item is not sent",
		async (mode) => {
			const result = await run(setTags(mode), [
				{ json: { publisherId: 39999 } },
				{ json: { publisherId: 20001 } },
			]);
			const seen = refusal(result);
			expect(seen).toMatchObject({
				httpCode: '404',
				item: 0,
				message:
					'Item 0: Awin found no partnership between advertiser 10001 and publisher 39999 (404)',
			});
			expect(seen.said).toMatch(/No partnership between advertiser 10001 and publisher 39999/);
			// Add and Remove stop at the failed read: no write goes for an unread set.
			expect(env.sandbox.requests.map((r) => r.method)).toEqual(
				mode === 'replace' ? ['PUT'] : ['GET'],
			);
			expect(tagsOf(10001, 20001)).toEqual(['cashback', 'top-10']);
		},
	);
});

describe('Partnership > Reject Application refusals', () => {
	const reject = (extra: Record<string, unknown> = {}) => ({
		operation: 'rejectApplication',
		advertiserId: ADVERTISER,
		partnerPublisherId: '={{ $json.publisherId }}',
		reason: 'OTHER_SPECIFY',
		otherReason: 'Your site is not about shoes',
		...extra,
	});

	test('403 names the role and account; the next item is not sent', async () => {
		const result = await run(reject({ advertiserId: VIEWER_ADVERTISER }), [
			{ json: { publisherId: 20001 } },
			{ json: { publisherId: 20001 } },
		]);
		expect(refusal(result)).toMatchObject({
			httpCode: '403',
			item: 0,
			message:
				'Item 0: Awin refused access (403): rejecting an application needs the Full Access role' +
				' (or higher) on advertiser account 10002',
		});
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test('404 names the missing partnership, and the Publisher ID to check, not the account', async () => {
		const result = await run(reject(), [
			{ json: { publisherId: 30001 } },
			{ json: { publisherId: 39999 } },
		]);
		const seen = refusal(result);
		expect(seen).toMatchObject({
			httpCode: '404',
			item: 1,
			message:
				'Item 1: Awin found no partnership between advertiser 10001 and publisher 39999 (404)',
		});
		expect(seen.said).toMatch(/Check the Publisher ID: publisher 39999 does not exist/);
		expect(seen.said).not.toMatch(/check the account id/i);
	});

	test("a reason code not on Awin's list: Awin's 400 words, not retried", async () => {
		const result = await run(reject({ reason: 'code', reasonCode: 'NOT_ON_THE_LIST' }), [
			{ json: { publisherId: 30001 } },
		]);
		const seen = refusal(result);
		expect(seen.httpCode).toBe('400');
		expect(seen.said).toContain('reason is missing or not an allowed value');
		expect(env.sandbox.requests).toHaveLength(1);
		expect(
			partnerships(env.sandbox).find((p) => p.publisher.id === 30001)?.partnership.status,
		).toBe('APPLICATION_PENDING');
	});

	test("Awin's 415 fails the item with Awin's words and is not retried", async () => {
		env.sandbox.fault({
			path: /reject-application$/,
			status: 415,
			body: {
				errors: [
					{
						status: '415',
						code: 'UNSUPPORTED_MEDIA_TYPE',
						detail: 'The request does not carry a JSON content type',
					},
				],
			},
		});
		const result = await run(reject(), [{ json: { publisherId: 30001 } }]);
		const seen = refusal(result);
		expect(seen.httpCode).toBe('415');
		expect(seen.said).toContain('The request does not carry a JSON content type');
		expect(env.sandbox.requests).toHaveLength(1);
	});
});

describe('Partnership > Accept / Decline Invitation refusals', () => {
	const accept = (extra: Record<string, unknown> = {}) => ({
		operation: 'acceptInvitation',
		publisherId: PUBLISHER,
		partnerAdvertiserId: '={{ $json.advertiserId }}',
		termsAccepted: true,
		...extra,
	});
	const decline = (extra: Record<string, unknown> = {}) => ({
		operation: 'declineInvitation',
		publisherId: PUBLISHER,
		partnerAdvertiserId: '={{ $json.advertiserId }}',
		...extra,
	});

	test.each([
		['accepting an invitation', accept],
		['declining an invitation', decline],
	])('%s: 403 names the role and account; the next item is not sent', async (doing, op) => {
		const result = await run(op({ publisherId: VIEWER_PUBLISHER }), [
			{ json: { advertiserId: 10002 } },
			{ json: { advertiserId: 10003 } },
		]);
		expect(refusal(result)).toMatchObject({
			httpCode: '403',
			item: 0,
			message:
				`Item 0: Awin refused access (403): ${doing} needs the Full Access role (or higher)` +
				' on publisher account 20002',
		});
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test('Decline: 404 when the advertiser never invited this publisher', async () => {
		const result = await run(decline(), [{ json: { advertiserId: 19999 } }]);
		const seen = refusal(result);
		expect(seen).toMatchObject({
			httpCode: '404',
			message:
				'Item 0: Awin found no partnership between advertiser 19999 and publisher 20001 (404)',
		});
		expect(seen.said).toMatch(
			/Check the Advertiser ID: advertiser 19999 does not exist, or has no application, invitation or partnership with publisher account 20001\./,
		);
	});

	test('Decline: an advertiser ID that is not a number never reaches the URL', async () => {
		const result = await run(decline(), [{ json: { advertiserId: '10003/../x' } }]);
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(/^Item 0: "Advertiser ID" /);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test.each([
		[400, 'BAD_REQUEST', 'The body contains an unknown field'],
		[415, 'UNSUPPORTED_MEDIA_TYPE', 'The request does not carry a JSON content type'],
	])(
		"Accept: Awin's %s fails the item with Awin's words, not retried",
		async (status, code, detail) => {
			env.sandbox.fault({
				path: /accept-invitation$/,
				status,
				body: { errors: [{ status: String(status), code, detail }] },
			});
			const result = await run(accept(), [{ json: { advertiserId: 10002 } }]);
			const seen = refusal(result);
			expect(seen.httpCode).toBe(String(status));
			expect(seen.said).toContain(detail);
			expect(env.sandbox.requests).toHaveLength(1);
		},
	);
});

describe('Partnership > Get Many refusals (advertiser)', () => {
	const getMany = (advertiserId: unknown) => ({
		operation: 'getMany',
		accountType: 'advertiser',
		advertiserId,
		returnAll: true,
	});

	test("not a member: Awin's 403 words name the account; nothing else is read", async () => {
		const result = await run(getMany(NOT_MEMBER_ADVERTISER));
		const seen = refusal(result);
		expect(seen.httpCode).toBe('403');
		expect(seen.said).toMatch(/advertiser account 10003/);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test("an advertiser that does not exist: Awin's 404 words", async () => {
		const result = await run(getMany({ __rl: true, mode: 'id', value: '19999' }));
		const seen = refusal(result);
		expect(seen.httpCode).toBe('404');
		expect(seen.said).toMatch(/Advertiser 19999 does not exist/);
	});
});

describe('Programme Terms, Tracking Link, Transaction Query (Public API) refusals', () => {
	const OTHER_PUBLISHER = { __rl: true, mode: 'id', value: '29999' };

	test("Programme Terms: no role on the publisher account is Awin's 403, naming it", async () => {
		const result = await run({
			resource: 'programmeTerms',
			operation: 'getMany',
			publisherId: OTHER_PUBLISHER,
			advertiserIds: '10001',
		});
		const seen = refusal(result);
		expect(seen).toMatchObject({ httpCode: '403', item: 0 });
		expect(seen.message).toBe(
			'Item 0: Awin refused access (403): the credential cannot reach this account or API',
		);
		expect(seen.said).toMatch(/no role on publisher account 29999/);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test("Tracking Link: not a member is Awin's 403, naming the account", async () => {
		const result = await run({
			resource: 'trackingLink',
			operation: 'create',
			advertiserId: NOT_MEMBER_ADVERTISER,
			destinationUrl: 'https://shop.example/summer',
		});
		const seen = refusal(result);
		expect(seen).toMatchObject({ httpCode: '403', item: 0 });
		expect(seen.message).toMatch(/^Item 0: Awin refused access \(403\)/);
		expect(seen.said).toMatch(/advertiser account 10003/);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test("Transaction Query (Public API): no Viewer role is Awin's 403, naming it", async () => {
		const result = await run({
			resource: 'transactionQuery',
			operation: 'getManyV1',
			publisherId: OTHER_PUBLISHER,
			startDate: '2026-01-01',
			endDate: '2026-03-11',
			returnAll: true,
		});
		const seen = refusal(result);
		expect(seen).toMatchObject({ httpCode: '403', item: 0 });
		expect(seen.message).toMatch(/^Item 0: Awin refused access \(403\)/);
		expect(seen.said).toMatch(/Viewer role on publisher account 29999/);
		// The first of the three 31-day listings was refused: the others are not asked for.
		expect(env.sandbox.requests).toHaveLength(1);
	});

	test('a 403 names the item it is for; an item asking the same shares the call, named as itself', async () => {
		const result = await run(
			{
				resource: 'programmeTerms',
				operation: 'getMany',
				publisherId: { __rl: true, mode: 'id', value: '={{ $json.publisherId }}' },
				advertiserIds: '10001',
			},
			[
				{ json: { publisherId: 20001 } },
				{ json: { publisherId: 29999 } },
				{ json: { publisherId: 29999 } },
			],
			{ onError: 'continueRegularOutput' },
		);
		const output = result.output('Awin');
		expect(output.filter((i) => !i.json.error).map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(output.filter((i) => i.json.error).map((i) => [i.pairedItem, i.json.error])).toEqual(
			[1, 2].map((item) => [
				{ item },
				`Item ${item}: Awin refused access (403): the credential cannot reach this account or API`,
			]),
		);
		expect(env.sandbox.requests.map((r) => r.path)).toEqual([
			'/public/v1/publishers/20001/advertiser-terms',
			'/public/v1/publishers/29999/advertiser-terms',
		]);
	});
});

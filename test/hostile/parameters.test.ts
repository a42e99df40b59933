/**
 * Attacks by parameter: values the editor would not offer but
 * an expression or an imported workflow can give. Each test: the value, and the refusal asserted
 * (it names the item, the parameter as the editor shows it, the value and what is allowed) with
 * nothing sent to Awin. The properties of the checks, for any value, are in properties.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import { accountsWorkflow, items, useSandbox } from '../client/support.ts';
import { asItems, conversionNode, conversionOrder } from '../orders/setup.ts';

const sandbox = useSandbox();

const sent = () => sandbox.requestsTo(/./);
const advertiser = { __rl: true, mode: 'id', value: '10001' };
const publisher = { __rl: true, mode: 'id', value: '20001' };

async function runNode(parameters: INodeParameters, input = [{ json: {} }]) {
	return await runWorkflow(workflowOf(awinNode(parameters)), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items: input },
	});
}

async function expectRefused(run: Promise<Awaited<ReturnType<typeof runNode>>>, message: RegExp) {
	const result = await run;
	expect(result.status).toBe('error');
	expect(result.nodes.Awin.error?.message).toMatch(message);
	expect(sent()).toHaveLength(0);
}

describe('pacing and retry options', () => {
	test('Max Requests per Minute 0.5 (used to wait forever): refused', async () => {
		const run = runWorkflow(accountsWorkflow({ requestsPerMinute: 0.5 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('all') },
		});
		await expectRefused(
			run,
			/^Item 0: "Max Requests per Minute" must be a number from 1 to 1000, got "0.5"$/,
		);
	});

	test('Max Tries -3 (used to be clamped silently to 1): refused', async () => {
		const run = runWorkflow(accountsWorkflow({ maxTries: -3 }), {
			credentials: credentialsFor(sandbox),
			start: { node: 'Start', items: items('all') },
		});
		await expectRefused(run, /"Max Tries per Call" must be a whole number from 1 to 10, got "-3"/);
	});

	test.each([['abc'], [-5], [2.5]])(
		'Batch Size %p (used to end in "chunk size ... NaN" or be clamped): refused',
		async (batchSize) => {
			const run = runWorkflow(workflowOf(conversionNode({ options: { batchSize } })), {
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems([conversionOrder('P-1')]) },
			});
			await expectRefused(run, /"Batch Size" must be a whole number from 1 to \d+/);
		},
	);

	test('Validate, Poll Interval -1 s (used to poll without pause past the time limit): refused', async () => {
		const run = runNode(
			{
				resource: 'transaction',
				operation: 'validate',
				advertiserId: advertiser,
				validationAction: 'approve',
				identifyBy: 'transactionId',
				transactionId: '={{ $json.id }}',
				options: { waitForResult: true, pollIntervalSeconds: -1 },
			},
			[{ json: { id: 7001 } }],
		);
		await expectRefused(
			run,
			/"Poll Interval \(Seconds\)" must be a number from 0.01 to 3600, got "-1"/,
		);
	});
});

describe('values that reached Awin unchecked', () => {
	test.each([[''], ['..'], ['../../transactions'], ['a/b'], ['x'.repeat(50_000)]])(
		'Get Validation Job, Job ID %#: refused before any call (no GET .../jobs/ or path walk)',
		async (jobId) => {
			// From an expression, as a job ID read from an earlier node would come.
			const run = runNode(
				{
					resource: 'transaction',
					operation: 'getValidationJob',
					advertiserId: advertiser,
					jobId: '={{ $json.job }}',
					output: 'all',
				},
				[{ json: { job: jobId } }],
			);
			await expectRefused(run, /^Item 0: "Job ID" must be an Awin ID/);
		},
	);

	test('Offer > Get Many, Limit -5: refused', async () => {
		const run = runNode({
			resource: 'offer',
			operation: 'getMany',
			publisherId: publisher,
			returnAll: false,
			limit: -5,
		});
		await expectRefused(run, /^Item 0: "Limit" must be a whole number of at least 1, got "-5"$/);
	});

	test('Offer > Get Many, Updated Since 2025-13-45: refused', async () => {
		const run = runNode({
			resource: 'offer',
			operation: 'getMany',
			publisherId: publisher,
			returnAll: true,
			filters: { updatedSince: '2025-13-45' },
		});
		await expectRefused(run, dayRefusal('Updated Since', '2025-13-45'));
	});

	// One reader of a day: the same values refused with the same words wherever a day is asked.
	test.each([['2025-13-45'], ['2024-01-31abc'], ['31/01/2024']])(
		'a day %p: refused alike as Offer > Get Many "Updated Since" and Report "Start Date"',
		async (day) => {
			await expectRefused(
				runNode({
					resource: 'offer',
					operation: 'getMany',
					publisherId: publisher,
					returnAll: true,
					filters: { updatedSince: day },
				}),
				dayRefusal('Updated Since', day),
			);
			await expectRefused(
				runNode({
					resource: 'report',
					operation: 'getPublisherPerformance',
					accountType: 'advertiser',
					advertiserId: advertiser,
					startDate: day,
					endDate: '2024-03-02',
				}),
				dayRefusal('Start Date', day),
			);
		},
	);
});

/** A refusal of a text over MAX_TEXT_LENGTH: item, name as the editor shows it, the value shortened. */
const tooLong = (item: number, name: string) =>
	new RegExp(
		`^Item ${item}: "${name}" must be at most 1000 characters, got ".{80}… \\(\\d+ characters\\)"$`,
	);
const LONG = 'x'.repeat(50_000);
/** 10,000 well-formed ids, 59,999 characters. */
const LONG_IDS = Array.from({ length: 10_000 }, (_, i) => 10_000 + i).join(',');
const value = '={{ $json.v }}';
const dates = { startDate: '2024-03-01', endDate: '2024-03-02', timezone: 'UTC' };

/** The refusal of a day parameter: item 0, the name the editor shows, the value, what is allowed. */
const dayRefusal = (name: string, value: string) =>
	new RegExp(
		`^Item 0: "${name}" must be a date such as 2024-01-31 ` +
			`\\(or \\{\\{ \\$today\\.minus\\(\\{ days: 1 \\}\\) \\}\\}\\), got "${value}"$`,
	);

describe('50,000-character values are refused before the first call, naming the item', () => {
	// Item 0 is valid, item 1 carries the long value: nothing at all is sent, not even item 0.
	test.each<[string, INodeParameters, unknown, unknown, RegExp]>([
		[
			'Link > Generate, Destination URL',
			{
				resource: 'link',
				operation: 'generate',
				publisherId: publisher,
				advertiserId: 1001,
				destinationUrl: value,
			},
			'https://example.com/p/1',
			`https://example.com/${LONG}`,
			tooLong(1, 'Destination URL'),
		],
		[
			'Link > Generate, Click Reference 3',
			{
				resource: 'link',
				operation: 'generate',
				publisherId: publisher,
				advertiserId: 1001,
				clickParameters: { clickref3: value },
			},
			'member-1',
			LONG,
			tooLong(1, 'Click Reference 3'),
		],
		[
			'Link > Generate, Campaign',
			{
				resource: 'link',
				operation: 'generate',
				publisherId: publisher,
				advertiserId: 1001,
				clickParameters: { campaign: value },
			},
			'spring',
			LONG,
			tooLong(1, 'Campaign'),
		],
		[
			'Report > Campaign Performance, Campaign filter',
			{
				resource: 'report',
				operation: 'getCampaignPerformance',
				accountType: 'advertiser',
				advertiserId: advertiser,
				returnAll: true,
				...dates,
				filters: { campaign: value },
			},
			'spring',
			LONG,
			/^Item 1: "Campaign" must have 3 to 128 characters \(Awin's limits\), got "x{80}… \(50000 characters\)"$/,
		],
		[
			'Report > Campaign Performance, Publisher IDs filter',
			{
				resource: 'report',
				operation: 'getCampaignPerformance',
				accountType: 'advertiser',
				advertiserId: advertiser,
				returnAll: true,
				...dates,
				filters: { publisherIds: value },
			},
			'20001',
			LONG_IDS,
			tooLong(1, 'Publisher IDs'),
		],
		[
			'Transaction > Get Many, Publisher IDs filter',
			{
				resource: 'transaction',
				operation: 'getMany',
				accountType: 'advertiser',
				advertiserId: advertiser,
				returnAll: true,
				...dates,
				filters: { publisherIds: value },
			},
			'20001',
			LONG_IDS,
			tooLong(1, 'Publisher IDs'),
		],
		[
			'Transaction > Get By IDs, one 50,000-digit ID',
			{
				resource: 'transaction',
				operation: 'getByIds',
				accountType: 'advertiser',
				advertiserId: advertiser,
				ids: value,
			},
			'7001',
			'1'.repeat(50_000),
			/^Item 1: "Transaction IDs" must be Awin IDs \(numbers\) separated by commas, got "1{80}… \(50000 characters\)"$/,
		],
		[
			'Offer > Get Many, Advertiser IDs filter',
			{
				resource: 'offer',
				operation: 'getMany',
				publisherId: publisher,
				returnAll: true,
				filters: { advertiserIds: value },
			},
			'1001',
			LONG_IDS,
			tooLong(1, 'Advertiser IDs'),
		],
		[
			'Offer > Get Many, Region Codes filter',
			{
				resource: 'offer',
				operation: 'getMany',
				publisherId: publisher,
				returnAll: true,
				filters: { regionCodes: value },
			},
			'GB',
			'GB,'.repeat(17_000),
			tooLong(1, 'Region Codes'),
		],
		[
			'Programme > Get Many, Country Code',
			{
				resource: 'programme',
				operation: 'getMany',
				publisherId: publisher,
				relationship: 'joined',
				countryCode: value,
			},
			'GB',
			LONG,
			/^Item 1: "Country Code" must be a two-letter country code such as GB, got "X{80}… \(50000 characters\)"$/,
		],
		[
			'Programme > Get, Advertiser ID of 50,000 digits',
			{ resource: 'programme', operation: 'get', publisherId: publisher, advertiserId: value },
			'1001',
			'1'.repeat(50_000),
			/^Item 1: "Advertiser ID" must be an Awin ID \(a whole number above 0\), got "1{80}… \(50000 characters\)"$/,
		],
		[
			'Commission Group > Get Many, Advertiser ID of 50,000 digits',
			{
				resource: 'commissionGroup',
				operation: 'getMany',
				publisherId: publisher,
				advertiserId: value,
			},
			'1001',
			'1'.repeat(50_000),
			/^Item 1: "Advertiser ID" must be an Awin ID/,
		],
		[
			'Account > Get Many, Account Type',
			{ resource: 'account', operation: 'getMany', accountTypeFilter: value },
			'all',
			LONG,
			/^Item 1: "Account Type" must be one of all, advertiser, publisher, got "x{80}… \(50000 characters\)"$/,
		],
		[
			'Transaction > Validate, Decline Reason',
			{
				resource: 'transaction',
				operation: 'validate',
				advertiserId: advertiser,
				inputMode: 'fields',
				validationAction: 'decline',
				identifyBy: 'transactionId',
				transactionId: '7001',
				declineReason: value,
			},
			'returned',
			LONG,
			tooLong(1, 'Decline Reason'),
		],
		[
			'Transaction > Validate, Order Reference',
			{
				resource: 'transaction',
				operation: 'validate',
				advertiserId: advertiser,
				inputMode: 'fields',
				validationAction: 'approve',
				identifyBy: 'orderRef',
				orderRef: value,
				transactionDate: '2024-05-01T10:00:00',
				timezone: 'UTC',
			},
			'ORDER-1',
			LONG,
			tooLong(1, 'Order Reference'),
		],
		[
			'Transaction > Validate, Tracking Parameters value',
			{
				resource: 'transaction',
				operation: 'validate',
				advertiserId: advertiser,
				inputMode: 'fields',
				validationAction: 'amendTrackingParameters',
				identifyBy: 'transactionId',
				transactionId: '7001',
				customParameters: { parameter: [{ key: '1', value }] },
			},
			'blue',
			LONG,
			tooLong(1, 'Tracking Parameters > Value'),
		],
		[
			'Transaction > Validate (JSON), declineReason',
			{
				resource: 'transaction',
				operation: 'validate',
				advertiserId: advertiser,
				inputMode: 'json',
				validationJson:
					'={{ { action: "decline", transaction: { transactionId: 7001, declineReason: $json.v } } }}',
			},
			'returned',
			LONG,
			/^Item 1: invalid validation: transaction.declineReason: declineReason must be at most 1000 characters$/,
		],
	])('%s', async (_, parameters, good, long, refusal) => {
		await expectRefused(
			runNode(parameters, [{ json: { v: good } }, { json: { v: long } }]),
			refusal,
		);
	});

	test('Conversion > Create Orders, Webhook URL of 50,000 characters: refused, no order sent', async () => {
		const run = runWorkflow(
			workflowOf(conversionNode({ options: { webhookUrl: `https://example.com/${LONG}` } })),
			{
				credentials: credentialsFor(sandbox),
				start: { node: 'Start', items: asItems([conversionOrder('P-1')]) },
			},
		);
		await expectRefused(run, tooLong(0, 'Webhook URL'));
	});
});

describe('account IDs and options that used to reach Awin unchecked', () => {
	// Item 0 is valid, item 1 carries the bad value: nothing at all is sent, not even item 0.
	const fromItem = { __rl: true, mode: 'id', value };
	const DIGITS = '1'.repeat(50_000);
	const digitsShown = '1{80}… \\(50000 characters\\)';

	test('Link > Get Quota, a 50,000-digit Publisher Account: refused before any call', async () => {
		const run = runNode({ resource: 'link', operation: 'getQuota', publisherId: fromItem }, [
			{ json: { v: '20001' } },
			{ json: { v: DIGITS } },
		]);
		await expectRefused(
			run,
			new RegExp(
				`^Item 1: "Publisher Account" must be an Awin account ID \\(a number\\), got "${digitsShown}"$`,
			),
		);
	});

	test('Publisher > Get Many, a 50,000-digit Advertiser Account: refused before any call', async () => {
		const run = runNode({ resource: 'publisher', operation: 'getMany', advertiserId: fromItem }, [
			{ json: { v: '10001' } },
			{ json: { v: DIGITS } },
		]);
		await expectRefused(
			run,
			new RegExp(
				`^Item 1: "Advertiser Account" must be an Awin account ID \\(a number\\), got "${digitsShown}"$`,
			),
		);
	});

	test('Transaction > Get Validation Job, Transactions to List "some": refused before any call', async () => {
		const run = runNode(
			{
				resource: 'transaction',
				operation: 'getValidationJob',
				advertiserId: advertiser,
				jobId: 'job-1',
				output: value,
			},
			[{ json: { v: 'all' } }, { json: { v: 'some' } }],
		);
		await expectRefused(
			run,
			/^Item 1: "Transactions to List" must be one of all, errors, got "some"$/,
		);
	});
});

describe('option readers refuse like every other check: "Item N:" first', () => {
	test('Programme > Get Many, Relationship "friends" on item 1: refused, nothing sent', async () => {
		const run = runNode(
			{ resource: 'programme', operation: 'getMany', publisherId: publisher, relationship: value },
			[{ json: { v: 'joined' } }, { json: { v: 'friends' } }],
		);
		await expectRefused(
			run,
			/^Item 1: "Relationship" must be one of all, joined, pending, suspended, rejected, notjoined, got "friends"$/,
		);
	});

	test('Transaction > Get Many, Timezone "Mars/Olympus": refused naming the item', async () => {
		const run = runNode({
			resource: 'transaction',
			operation: 'getMany',
			accountType: 'advertiser',
			advertiserId: advertiser,
			returnAll: true,
			...dates,
			timezone: 'Mars/Olympus',
		});
		await expectRefused(run, /^Item 0: "Timezone" must be one of .*, got "Mars\/Olympus"$/);
	});

	test('Validate, Validation (JSON) that is not JSON on item 1: refused like the others, nothing sent', async () => {
		const run = runNode(
			{
				resource: 'transaction',
				operation: 'validate',
				advertiserId: advertiser,
				inputMode: 'json',
				validationJson: value,
			},
			[
				{ json: { v: '{"action": "approve", "transaction": {"transactionId": 7001}}' } },
				{ json: { v: '{"action": "approve",' } },
			],
		);
		await expectRefused(
			run,
			/^Item 1: "Validation \(JSON\)" must be valid JSON, got "\{"action": "approve","$/,
		);
	});

	test('Conversion > Create Orders, Basket that is not JSON: refused like the others, nothing sent', async () => {
		const run = runNode(
			{
				resource: 'conversion',
				operation: 'createOrders',
				advertiserId: '10001',
				inputMode: 'fields',
				orderReference: 'B-1',
				amount: '10',
				currency: 'GBP',
				channel: 'aw',
				awc: '1001_1_1',
				orderFields: { basket: value },
			},
			[{ json: { v: '[{"id": "A"' } }],
		);
		await expectRefused(
			run,
			/^Item 0: "Basket" must be a JSON array of basket lines, got "\[\{"id": "A""$/,
		);
	});

	test('Offer > Get Many, Status filter "forever" (an option sent unchecked before): refused', async () => {
		const run = runNode({
			resource: 'offer',
			operation: 'getMany',
			publisherId: publisher,
			returnAll: true,
			filters: { status: 'forever' },
		});
		await expectRefused(
			run,
			/^Item 0: "Status" must be one of active, expiringSoon, upcoming, got "forever"$/,
		);
	});
});

describe('every item checked before the first call', () => {
	test('Transaction > Get Validation Job with a path-walking Job ID on item 2: item 0 is not asked for either', async () => {
		const run = runNode(
			{
				resource: 'transaction',
				operation: 'getValidationJob',
				advertiserId: advertiser,
				jobId: '={{ $json.job }}',
				output: 'all',
			},
			[{ json: { job: 'job-0' } }, { json: { job: 'job-1' } }, { json: { job: '..' } }],
		);
		await expectRefused(run, /^Item 2: "Job ID" must be an Awin ID/);
	});

	test('Transaction > Get Many with a bad account id on item 2: nothing sent, the refusal names item, field and value', async () => {
		const run = runNode(
			{
				resource: 'transaction',
				operation: 'getMany',
				accountType: 'advertiser',
				advertiserId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				returnAll: true,
				startDate: '2024-03-01T00:00:00',
				endDate: '2024-03-02T00:00:00',
				timezone: 'UTC',
			},
			[{ json: { id: '10001' } }, { json: { id: '10001' } }, { json: { id: 'abc' } }],
		);
		await expectRefused(
			run,
			/^Item 2: "Advertiser Account" must be an Awin account ID \(a number\), got "abc"$/,
		);
	});

	test('Validate with a fixed "By ID" account that is a path, not a number: nothing sent, the refusal names item, field and value', async () => {
		const run = runNode(
			{
				resource: 'transaction',
				operation: 'validate',
				advertiserId: { __rl: true, mode: 'id', value: '10001/../../accounts' },
				inputMode: 'json',
			},
			[{ json: { action: 'approve', transaction: { transactionId: 1 } } }],
		);
		await expectRefused(
			run,
			/^Item 0: "Advertiser Account" must be an Awin account ID \(a number\), got "10001\/\.\.\/\.\.\/accounts"$/,
		);
	});
});

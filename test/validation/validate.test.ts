import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MAX_PER_CALL } from '../../dist/nodes/shared/limits.js';
import type { AwinSandbox } from '../harness/index.ts';
import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import { DONE_AFTER_POLLS } from '../sandbox/routes/validation.ts';

const roomy = { limit: 100_000, windowMs: 60_000 };
let sandbox: AwinSandbox;
beforeAll(async () => {
	// Many runs in one file: a roomy quota on both sides, short back-off for the retry test.
	setLimitsForTests({
		quotas: { bearer: roomy },
		retryPolicy: { backoffBaseMs: 10, backoffMaxMs: 20 },
	});
	sandbox = await startSandbox({ quotas: { bearer: roomy } });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const advertiser = { __rl: true, mode: 'id', value: '10001' };
const fastWait = { waitForResult: true, pollIntervalSeconds: 0.02, maxWaitSeconds: 5 };

function validateNode(params: INodeParameters, continueOnFail = false) {
	return awinNode(
		{ resource: 'transaction', operation: 'validate', advertiserId: advertiser, ...params },
		continueOnFail ? { onError: 'continueRegularOutput' } : {},
	);
}

async function run(params: INodeParameters, items: INodeExecutionData[], continueOnFail = false) {
	return await runWorkflow(workflowOf(validateNode(params, continueOnFail)), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items },
	});
}

const batchCalls = () => sandbox.requestsTo(/\/transactions\/batch$/, 'POST');
const jobReads = () => sandbox.requestsTo(/\/transactions\/jobs\/[^/]+$/, 'GET');
const byId = {
	validationAction: 'approve',
	identifyBy: 'transactionId',
	transactionId: '={{ $json.id }}',
};

describe('Transaction > Validate', () => {
	test('45,000 approvals become two calls of 40,000 and 5,000, one output item per input item', async () => {
		const items = Array.from({ length: 45_000 }, (_, i) => ({ json: { id: 100_000_000 + i } }));
		const started = Date.now();
		const cpu = process.cpuUsage();
		const result = await run(byId, items);
		const used = process.cpuUsage(cpu);
		console.log(
			`45,000 approvals: ${batchCalls().length} calls, ${Date.now() - started} ms wall, ${Math.round((used.user + used.system) / 1000)} ms CPU (test process, engine + sandbox)`,
		);

		expect(result.status).toBe('success');
		const calls = batchCalls();
		expect(calls.map((c) => (c.body as unknown[]).length)).toEqual([40_000, 5_000]);
		expect((calls[0].body as unknown[])[0]).toEqual({
			action: 'approve',
			transaction: { transactionId: 100_000_000 },
		});
		expect((calls[1].body as unknown[])[4_999]).toEqual({
			action: 'approve',
			transaction: { transactionId: 100_044_999 },
		});
		expect(calls[0].path).toBe('/advertisers/10001/transactions/batch');

		const out = result.output('Awin');
		expect(out).toHaveLength(45_000);
		expect(new Set(out.map((i) => i.json.status))).toEqual(new Set(['submitted']));
		const jobIds = [...new Set(out.map((i) => i.json.jobId))];
		expect(jobIds).toHaveLength(2);
		expect(out[39_999].json).toMatchObject({ transactionId: 100_039_999, jobId: jobIds[0] });
		expect(out[40_000].json).toMatchObject({ transactionId: 100_040_000, jobId: jobIds[1] });
		expect(out.every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
	}, 180_000);

	test('each action has its exact JSON shape (action set by each item)', async () => {
		const result = await run(
			{
				validationAction: 'fromInput',
				identifyBy: 'transactionId',
				transactionId: '={{ $json.id }}',
				declineReason: '={{ $json.reason }}',
				amendReason: '={{ $json.reason }}',
				currency: 'gbp',
				saleAmount: '={{ $json.amount }}',
				transactionParts: {
					part: [
						{ commissionGroupCode: 'SHOES', amount: '={{ $json.amount - 10 }}' },
						{ commissionGroupCode: 'DEFAULT', amount: 10 },
					],
				},
				approveAfterAmend: true,
				customParameters: { parameter: [{ key: 'channel', value: '={{ $json.channel }}' }] },
			},
			[
				{ json: { action: 'approve', id: 1001 } },
				{ json: { action: 'decline', id: '1002', reason: 'order returned' } },
				{ json: { action: 'amend', id: 1003, reason: 'partial return', amount: '55.96' } },
				{ json: { action: 'amendTrackingParameters', id: 1004, reason: '', channel: 'email' } },
			],
		);

		expect(result.status).toBe('success');
		// Tracking parameters go in a call of their own (their shape is contested, see docs/awin-api.md).
		expect(batchCalls()).toHaveLength(2);
		expect([
			...(batchCalls()[0].body as unknown[]),
			...(batchCalls()[1].body as unknown[]),
		]).toEqual([
			{ action: 'approve', transaction: { transactionId: 1001 } },
			{ action: 'decline', transaction: { transactionId: 1002, declineReason: 'order returned' } },
			{
				action: 'amend',
				approve: true,
				transaction: {
					transactionId: 1003,
					amendReason: 'partial return',
					currency: 'GBP',
					saleAmount: 55.96,
					transactionParts: [
						{ amount: 45.96, commissionGroupCode: 'SHOES' },
						{ amount: 10, commissionGroupCode: 'DEFAULT' },
					],
				},
			},
			{
				action: 'amendTrackingParameters',
				transaction: {
					transactionId: 1004,
					customParameters: [{ key: 'channel', value: 'email' }],
				},
			},
		]);
		expect(result.output('Awin').map((i) => i.json.action)).toEqual([
			'approve',
			'decline',
			'amend',
			'amendTrackingParameters',
		]);
		expect(result.output('Awin')[2].json.warnings).toBeUndefined();
	});

	test('a refused tracking-parameter call fails only its items: approvals and declines keep their outcome, one per item', async () => {
		const result = await run(
			{
				validationAction: 'fromInput',
				identifyBy: 'transactionId',
				transactionId: '={{ $json.id }}',
				declineReason: 'order returned',
				customParameters: { parameter: [{ key: 'channel', value: 'email' }] },
				options: fastWait,
			},
			[
				{ json: { action: 'approve', id: 2001 } },
				// The sandbox refuses a whole call holding a transaction ending in 400.
				{ json: { action: 'amendTrackingParameters', id: 2400 } },
				{ json: { action: 'decline', id: 2002 } },
				{ json: { action: 'approve', id: 2003 } },
			],
			true,
		);

		expect(result.status).toBe('success');
		const calls = batchCalls();
		expect(calls.map((c) => (c.body as Array<{ action: string }>).map((e) => e.action))).toEqual([
			['approve', 'decline', 'approve'],
			['amendTrackingParameters'],
		]);
		expect(calls.map((c) => c.status)).toEqual([200, 400]);

		const out = result.output('Awin');
		expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(out.map((i) => i.json.status)).toEqual(['done', 'failed', 'done', 'done']);
		expect(out[1].json).toMatchObject({
			action: 'amendTrackingParameters',
			transactionId: 2400,
			httpCode: '400',
		});
		expect(String(out[1].json.error)).toMatch(
			/transaction 2400: amendTrackingParameters could not be read/,
		);
		for (const index of [0, 2, 3]) expect(out[index].json.error).toBeUndefined();
	});

	test("JSON input mode sends each item as it is, in Awin's names", async () => {
		const element = {
			action: 'amend',
			approve: false,
			transaction: {
				orderRef: 'A-77',
				transactionDate: '2024-05-01T22:04:00',
				timezone: 'Europe/Paris',
				amendReason: 'partial return',
				currency: 'EUR',
				saleAmount: 50,
				transactionParts: [{ amount: 40, commissionGroupCode: 'DEFAULT' }],
			},
		};
		const result = await run({ inputMode: 'json', validationJson: '={{ $json.validation }}' }, [
			{ json: { validation: element, unrelated: 'ignored' } },
		]);
		expect(result.status).toBe('success');
		expect(batchCalls()[0].body).toEqual([element]);
		const [item] = result.output('Awin');
		expect(item.json.warnings).toEqual([
			'transactionParts add up to 40 but saleAmount is 50: Awin will balance the difference (10) with the DEFAULT commission group',
		]);
	});

	test('identifies by order reference, date and timezone; a date with an offset is moved into that timezone', async () => {
		const result = await run(
			{
				validationAction: 'decline',
				identifyBy: 'orderRef',
				orderRef: '={{ $json.order }}',
				transactionDate: '={{ $json.created_at }}',
				timezone: 'Europe/London',
				declineReason: 'refunded',
			},
			[
				{ json: { order: '#1001', created_at: '2024-05-01T10:00:00+02:00' } },
				{ json: { order: '#1002', created_at: '2024-12-24T18:30:15' } },
			],
		);
		expect(result.status).toBe('success');
		expect(batchCalls()[0].body).toEqual([
			{
				action: 'decline',
				transaction: {
					orderRef: '#1001',
					transactionDate: '2024-05-01T09:00:00',
					timezone: 'Europe/London',
					declineReason: 'refunded',
				},
			},
			{
				action: 'decline',
				transaction: {
					orderRef: '#1002',
					transactionDate: '2024-12-24T18:30:15',
					timezone: 'Europe/London',
					declineReason: 'refunded',
				},
			},
		]);
		expect(result.output('Awin')[0].json).toMatchObject({
			status: 'submitted',
			orderRef: '#1001',
			transactionDate: '2024-05-01T09:00:00',
			timezone: 'Europe/London',
		});
	});

	test('waiting for the job gives each item its own outcome from failedTransactions', async () => {
		const result = await run(
			{
				validationAction: 'decline',
				identifyBy: '={{ $json.id ? "transactionId" : "orderRef" }}',
				transactionId: '={{ $json.id }}',
				orderRef: '={{ $json.order }}',
				transactionDate: '2024-05-01T10:00:00',
				timezone: 'UTC',
				declineReason: 'refunded',
				options: fastWait,
			},
			[
				{ json: { id: 5001 } },
				{ json: { id: 5404 } },
				{ json: { id: 5304 } },
				{ json: { order: 'R-404' } },
				{ json: { id: 5422 } },
				{ json: { order: 'R-1' } },
			],
			true,
		);

		expect(result.status).toBe('success');
		const reads = jobReads();
		expect(reads).toHaveLength(DONE_AFTER_POLLS);
		expect(reads.every((r) => r.query.output === 'errors')).toBe(true);
		const out = result.output('Awin');
		expect(out.map((i) => i.json.status)).toEqual([
			'done',
			'failed',
			'done',
			'failed',
			'failed',
			'done',
		]);
		expect(out[1].json).toMatchObject({ transactionId: 5404, awinCode: '[404 NOT_FOUND]' });
		expect(out[1].json.error).toMatch(/Awin could not decline transaction 5404: \[404 NOT_FOUND\]/);
		expect(out[2].json).toMatchObject({ alreadyInState: true, awinCode: '[304 NOT_MODIFIED]' });
		expect(out[2].error).toBeUndefined();
		expect(out[3].json).toMatchObject({ orderRef: 'R-404', awinCode: '[404 NOT_FOUND]' });
		expect(out[3].json.error).toMatch(/order reference R-404 of 2024-05-01T10:00:00/);
		expect(out[4].json.awinDescription).toBe('Transaction cannot be changed in its current state');
		expect(new Set(out.map((i) => i.json.jobId)).size).toBe(1);
		expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
	});

	test('without Continue On Fail, a failed transaction stops the node with what was already submitted', async () => {
		const result = await run({ ...byId, options: fastWait }, [
			{ json: { id: 7001 } },
			{ json: { id: 7404 } },
		]);
		expect(result.status).toBe('error');
		const error = result.nodes.Awin.error;
		expect(error?.message).toMatch(/transaction 7404: \[404 NOT_FOUND\]/);
		expect(error?.description).toMatch(
			/Already submitted to Awin: 2 actions in 1 call \(advertiser 10001 job \w+: 2 \(items 0–1\)\)/,
		);
		expect(batchCalls()).toHaveLength(1);
	});

	test('an invalid item is never sent; with Continue On Fail the others are', async () => {
		const items = [
			{ json: { id: 8001, currency: 'GBP', amount: 10 } },
			{ json: { id: 8002, currency: 'pounds', amount: 'ten' } },
			{ json: { id: 8003, currency: 'GBP', amount: 12 } },
		];
		const params = {
			validationAction: 'amend',
			identifyBy: 'transactionId',
			transactionId: '={{ $json.id }}',
			amendReason: 'price fix',
			currency: '={{ $json.currency }}',
			saleAmount: '={{ $json.amount }}',
		};

		const stopped = await run(params, items);
		expect(stopped.status).toBe('error');
		expect(stopped.nodes.Awin.error?.message).toMatch(
			/Item 1: invalid validation: .*transaction\.currency: Expected an ISO 4217/,
		);
		expect(stopped.nodes.Awin.error?.message).toMatch(/transaction\.saleAmount: Expected a number/);
		expect(stopped.nodes.Awin.error?.description).toMatch(/Nothing was sent to Awin/);
		expect(batchCalls()).toHaveLength(0);

		const continued = await run(params, items, true);
		expect(continued.status).toBe('success');
		expect(
			(batchCalls()[0].body as Array<{ transaction: { transactionId: number } }>).map(
				(e) => e.transaction.transactionId,
			),
		).toEqual([8001, 8003]);
		const out = continued.output('Awin');
		expect(out.map((i) => i.json.status)).toEqual(['submitted', 'invalid', 'submitted']);
		expect(out[1].json.error).toMatch(/^Item 1: invalid validation/);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	test('bad identification and blank tracking values are invalid items, naming the field', async () => {
		const result = await run(
			{ inputMode: 'json', validationJson: '={{ $json }}' },
			[
				{
					json: {
						action: 'approve',
						transaction: {
							orderRef: 'X',
							transactionDate: '2024-05-01 10:00',
							timezone: 'Mars/Olympus',
						},
					},
				},
				{
					json: {
						action: 'amendTrackingParameters',
						transaction: { transactionId: 1, customParameters: [{ key: 'a', value: ' ' }] },
					},
				},
				{ json: { action: 'cancel', transaction: { transactionId: 1 } } },
				{ json: { action: 'decline', transaction: { transactionId: 2, declineReson: 'typo' } } },
			],
			true,
		);
		expect(batchCalls()).toHaveLength(0);
		const errors = result.output('Awin').map((i) => String(i.json.error));
		expect(errors[0]).toMatch(/transaction\.transactionDate: Expected yyyy-MM-ddTHH:mm:ss/);
		expect(errors[0]).toMatch(/transaction\.timezone: Expected one of Awin's timezones/);
		expect(errors[1]).toMatch(
			/transaction\.customParameters\[0\]\.value: The value cannot be blank/,
		);
		expect(errors[2]).toMatch(
			/action: Expected one of approve, decline, amend, amendTrackingParameters/,
		);
		expect(errors[3]).toMatch(/Unrecognized key\(s\) in object: 'declineReson'/);
		expect(result.output('Awin').every((i) => i.json.status === 'invalid')).toBe(true);
	});

	test('a job that never finishes ends with a clear timeout outcome, not a hang', async () => {
		const started = Date.now();
		const result = await run(
			{ ...byId, options: { waitForResult: true, pollIntervalSeconds: 0.1, maxWaitSeconds: 1 } },
			[{ json: { id: 9001 } }, { json: { id: 9999 } }],
		);
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeLessThan(30_000);
		const out = result.output('Awin');
		for (const item of out) {
			expect(item.json).toMatchObject({
				status: 'submitted',
				jobStatus: 'IN_PROGRESS',
				waitTimedOut: true,
			});
			expect(item.json.notice).toMatch(
				/Awin had not finished job \w+ after 1 s\. The actions were submitted/,
			);
		}
		// Polled more than once, and bounded by the timeout.
		expect(jobReads().length).toBeGreaterThan(1);
		expect(jobReads().length).toBeLessThanOrEqual(11);
	});

	test('a batch POST whose connection drops is re-sent (set-state actions are idempotent)', async () => {
		sandbox.fault({ path: /\/transactions\/batch$/, drop: true });
		const result = await run(byId, [{ json: { id: 1 } }]);
		expect(result.status).toBe('success');
		expect(batchCalls()).toHaveLength(2);
		expect(batchCalls()[1].body).toEqual(batchCalls()[0].body);
		expect(result.output('Awin')[0].json.status).toBe('submitted');
	});

	describe('with a batch size of 2', () => {
		const original = MAX_PER_CALL.validations;
		beforeAll(() => (MAX_PER_CALL.validations = 2));
		afterAll(() => (MAX_PER_CALL.validations = original));

		// Advertiser 10002's first item comes first: one call for it, then two calls for 10001.
		const items = [
			{ json: { adv: '10002', id: 1 } },
			...[2, 3, 4, 5].map((id) => ({ json: { adv: '10001', id } })),
		];
		const params = { ...byId, advertiserId: { __rl: true, mode: 'id', value: '={{ $json.adv }}' } };
		const rejectFirst10001Call = () =>
			sandbox.fault({
				path: /^\/advertisers\/10001\/transactions\/batch$/,
				status: 400,
				body: { error: 'invalid', description: 'rejected by test' },
			});

		test('a rejected call fails its items, later calls are not sent, and the error says what Awin already has', async () => {
			rejectFirst10001Call();
			const result = await run(params, items);
			expect(result.status).toBe('error');
			expect(batchCalls().map((c) => c.path)).toEqual([
				'/advertisers/10002/transactions/batch',
				'/advertisers/10001/transactions/batch',
			]);
			const error = result.nodes.Awin.error;
			expect(error?.httpCode).toBe('400');
			expect(error?.description).toMatch(/rejected by test/);
			expect(error?.description).toMatch(/4 of 5 items failed \(items 1, 2, 3, 4\)/);
			expect(error?.description).toMatch(
				/Already submitted to Awin: 1 action in 1 call \(advertiser 10002 job \w+: 1 \(items 0–0\)\)/,
			);
		});

		test('with Continue On Fail every call is tried and each item says what happened to it', async () => {
			rejectFirst10001Call();
			const result = await run(params, items, true);
			expect(result.status).toBe('success');
			expect(batchCalls()).toHaveLength(3);
			const out = result.output('Awin');
			expect(out.map((i) => i.json.status)).toEqual([
				'submitted',
				'failed',
				'failed',
				'submitted',
				'submitted',
			]);
			expect(out.map((i) => i.json.advertiserId)).toEqual([
				'10002',
				'10001',
				'10001',
				'10001',
				'10001',
			]);
			expect(out[1].json.error).toMatch(/invalid \(400\)/);
		});
	});
});

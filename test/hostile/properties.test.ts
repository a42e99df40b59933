/**
 * Properties (fast-check) of the checks that stand between hostile input and Awin, and of the
 * webhook parser that stands between a hostile push and an execution. The parameter checks and
 * the parser are pure functions, so most properties run on the built modules directly; the last
 * one posts arbitrary bodies through the engine's webhook path. Runs are kept modest.
 */
import fc from 'fast-check';
import type { INode } from 'n8n-workflow';

import type { WebhookEndpoint } from '../harness/index.ts';
import { startWebhookEndpoint } from '../harness/index.ts';
import { SECRET, triggerWorkflow } from '../trigger/helpers.ts';
import {
	checkNumber,
	checkPathId,
	checkText,
	MAX_TEXT_LENGTH,
} from '../../dist/nodes/shared/params/index.js';
import type { IncomingRequest } from '../../dist/nodes/AwinTrigger/request.js';
import { checkBody, MAX_NESTING } from '../../dist/nodes/AwinTrigger/request.js';
import {
	parseConversionBatch,
	parseTransactionNotification,
	splitBatch,
	wholeBatch,
} from '../../dist/nodes/AwinTrigger/parse.js';

const node: INode = {
	id: 'n',
	name: 'Awin',
	type: 'n8n-nodes-awin.awin',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const RUNS = { numRuns: 300 };

/** Display names as the editor shows them, quotes and all. */
const displayName = fc.constantFrom(
	'Batch Size',
	'Max Requests per Minute',
	'Job ID',
	'Destination URL',
	'Click Reference 2',
	'Poll Interval (Seconds)',
);
/** Anything an expression can give. */
const anyValue = fc.oneof(
	fc.double(),
	fc.integer(),
	fc.string(),
	fc.string({ unit: 'grapheme', maxLength: 2_000 }),
	fc.constantFrom(undefined, null, '', ' ', 'NaN', 'Infinity', '1e3', '0x10', '..', '/'),
	fc.boolean(),
	fc.array(fc.integer(), { maxLength: 3 }),
	fc.object({ maxDepth: 2 }),
);

/** The refusal of item `i` for `name`: the error n8n shows, nothing else. */
function refusal(
	run: () => unknown,
): { message: string; itemIndex?: number; description?: string } | undefined {
	try {
		run();
		return undefined;
	} catch (error) {
		const e = error as { message: string; context?: { itemIndex?: number }; description?: string };
		return { message: e.message, itemIndex: e.context?.itemIndex, description: e.description };
	}
}

function expectRefusalOf(found: ReturnType<typeof refusal>, itemIndex: number, name: string): void {
	expect(found?.message.startsWith(`Item ${itemIndex}: "${name}" `)).toBe(true);
	expect(found?.itemIndex).toBe(itemIndex);
	expect(found?.description).toMatch(/Nothing was sent to Awin/);
	// The value is shown shortened: a 50,000-character value is not repeated whole.
	expect(found?.message.length).toBeLessThan(400);
}

describe('parameter checks (params/), for any value', () => {
	test('checkNumber: an accepted value is a finite number within the rule; a refusal starts with Item <i>: "<name>"', () => {
		const rule = fc
			.tuple(
				fc.integer({ min: -1_000, max: 1_000 }),
				fc.integer({ min: 0, max: 5_000 }),
				fc.boolean(),
			)
			.map(([min, span, integer]) => ({ min, max: min + span, integer }));
		fc.assert(
			fc.property(anyValue, rule, fc.nat(10_000), displayName, (value, r, itemIndex, name) => {
				let checked: number | undefined;
				const found = refusal(() => (checked = checkNumber(node, itemIndex, name, value, r)));
				if (found) {
					expectRefusalOf(found, itemIndex, name);
					return;
				}
				if (checked === undefined) {
					expect([undefined, null, '']).toContain(value);
					return;
				}
				expect(Number.isFinite(checked)).toBe(true);
				expect(checked).toBeGreaterThanOrEqual(r.min);
				expect(checked).toBeLessThanOrEqual(r.max);
				if (r.integer) expect(Number.isInteger(checked)).toBe(true);
			}),
			RUNS,
		);
	});

	test('checkText: an accepted text comes back unchanged and within the limit; a longer one is refused naming item and parameter', () => {
		const text = fc.oneof(
			fc.string({ maxLength: 1_200 }),
			fc.string({ unit: 'binary', minLength: 990, maxLength: 1_100 }),
			fc.nat(60_000).map((n) => 'x'.repeat(n)),
		);
		fc.assert(
			fc.property(text, fc.nat(10_000), displayName, (value, itemIndex, name) => {
				let checked: string | undefined;
				const found = refusal(() => (checked = checkText(node, itemIndex, name, value)));
				if (found) {
					expect(value.length).toBeGreaterThan(MAX_TEXT_LENGTH);
					expectRefusalOf(found, itemIndex, name);
					expect(found.message).toContain(`must be at most ${MAX_TEXT_LENGTH} characters`);
				} else {
					expect(checked).toBe(value);
					expect(value.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
				}
			}),
			{ numRuns: 200 },
		);
	});

	test('checkPathId: an accepted id cannot change the URL path (no "/", ".", "%", blank); anything else is refused naming item and parameter', () => {
		const id = fc.oneof(
			anyValue,
			fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
			fc.constantFrom('..', '.', '%2e%2e', 'a/b', ' 12 ', 'job 1'),
		);
		fc.assert(
			fc.property(id, fc.nat(10_000), (value, itemIndex) => {
				let checked: string | undefined;
				const found = refusal(() => (checked = checkPathId(node, itemIndex, 'Job ID', value)));
				if (found) {
					expectRefusalOf(found, itemIndex, 'Job ID');
					return;
				}
				expect(checked).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
				expect(encodeURIComponent(checked as string)).toBe(checked);
			}),
			RUNS,
		);
	});
});

/** A request as n8n hands it to the trigger. */
const post = (body: unknown, rawBody?: Buffer | string): IncomingRequest => ({
	method: 'POST',
	headers: {},
	query: {},
	body,
	rawBody,
});

/** What the node does with a push: the body checks, then the parser of the chosen event. */
function readPush(request: IncomingRequest) {
	return (
		checkBody(request) ?? [parseTransactionNotification(request), parseConversionBatch(request)]
	);
}

function expectAnsweredNotThrown(request: IncomingRequest): void {
	const outcome = readPush(request);
	for (const parsed of Array.isArray(outcome) ? outcome : [{ ok: false as const, ...outcome }]) {
		if (parsed.ok) continue;
		expect([400, 401, 405, 413]).toContain(parsed.status);
		expect(typeof parsed.reason).toBe('string');
	}
}

/** `depth` levels of lists and objects (chosen by `kinds`) around a string, as JSON text. */
function nestedText(kinds: boolean[]): string {
	return `${kinds.map((list) => (list ? '[' : '{"k":')).join('')}"x"${[...kinds]
		.reverse()
		.map((list) => (list ? ']' : '}'))
		.join('')}`;
}

/** A Conversion API batch notification as Awin's notifier sends it. */
const reference = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.nat());
const order = fc.record(
	{
		orderReference: reference,
		correlationId: fc.uuid(),
		code: fc.string({ maxLength: 10 }),
		message: fc.string({ maxLength: 40 }),
	},
	{ requiredKeys: ['orderReference'] },
);
const batch = fc.record({
	batchId: fc.oneof(
		fc.string({ minLength: 1, maxLength: 40 }).filter((id) => id.trim() !== ''),
		fc.nat(),
	),
	successfulOrders: fc.array(order, { maxLength: 5 }),
	pendingOrders: fc.array(order, { maxLength: 5 }),
	failedOrders: fc.array(order, { maxLength: 5 }),
	timestamp: fc.nat(),
});

describe('webhook parser (AwinTrigger/request.ts, parse.ts), for any body', () => {
	test('arbitrary JSON, parsed or as text, in any method: never throws, answers ok or a 4xx with a reason', () => {
		fc.assert(
			fc.property(
				fc.jsonValue({ maxDepth: 6 }),
				fc.constantFrom('GET', 'POST', 'PUT'),
				fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))),
				(value, method, query) => {
					const text = JSON.stringify(value);
					expectAnsweredNotThrown({ method, headers: {}, query, body: value });
					expectAnsweredNotThrown({
						method,
						headers: {},
						query,
						body: text,
						rawBody: Buffer.from(text),
					});
					expectAnsweredNotThrown({
						method,
						headers: {},
						query,
						body: { AwinTransactionPush: text },
					});
				},
			),
			RUNS,
		);
	});

	test('arbitrary bytes: never throw; bytes that are not UTF-8 are refused 400 before parsing', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, asText) => {
				const raw = Buffer.from(bytes);
				const request = post(asText ? raw.toString('utf8') : undefined, raw);
				expectAnsweredNotThrown(request);
				const utf8 = Buffer.from(raw.toString('utf8'), 'utf8').equals(raw);
				if (!utf8)
					expect(checkBody(request)).toEqual({ status: 400, reason: 'Body is not valid UTF-8' });
			}),
			RUNS,
		);
	});

	test(`a body nested deeper than ${MAX_NESTING} levels is refused 400 by both parsers, wherever the nesting is`, () => {
		const place = fc.constantFrom(
			(inner: string) => `{"batchId":"b","products":${inner}}`,
			(inner: string) =>
				`{"batchId":"b","successfulOrders":[{"orderReference":"1","extra":${inner}}]}`,
			(inner: string) => `{"transactionId":"7","batchId":"b","unknown":${inner}}`,
			(inner: string) => inner,
		);
		fc.assert(
			fc.property(
				fc.array(fc.boolean(), { minLength: MAX_NESTING + 1, maxLength: 3_000 }),
				place,
				fc.boolean(),
				(kinds, wrap, parsedByN8n) => {
					const text = wrap(nestedText(kinds));
					const request = parsedByN8n
						? post(JSON.parse(text) as unknown, Buffer.from(text))
						: post(text, Buffer.from(text));
					const outcome = readPush(request);
					expect(Array.isArray(outcome)).toBe(true);
					for (const parsed of outcome as Array<{
						ok: boolean;
						status?: number;
						reason?: string;
					}>) {
						expect(parsed).toEqual({
							ok: false,
							status: 400,
							reason: `Body nested deeper than ${MAX_NESTING} levels`,
						});
					}
				},
			),
			{ numRuns: 100 },
		);
	});

	test(`a body nested ${MAX_NESTING} levels or less is not refused for its nesting`, () => {
		fc.assert(
			fc.property(fc.array(fc.boolean(), { maxLength: MAX_NESTING - 2 }), (kinds) => {
				const text = `{"batchId":"b","transactionId":"7","deep":${nestedText(kinds)}}`;
				const [transaction, batch] = readPush(post(JSON.parse(text) as unknown)) as Array<{
					ok: boolean;
				}>;
				expect(transaction.ok).toBe(true);
				expect(batch.ok).toBe(true);
			}),
			{ numRuns: 100 },
		);
	});

	test('a valid Conversion API batch, as JSON or as text: one item per order, each with its status and the batch id', () => {
		fc.assert(
			fc.property(batch, fc.boolean(), (notification, asText) => {
				const text = JSON.stringify(notification);
				const parsed = parseConversionBatch(
					asText ? post(text, Buffer.from(text)) : post(notification),
				);
				if (!parsed.ok) throw new Error(parsed.reason);
				const items = splitBatch(parsed.value);
				const expected = [
					...notification.successfulOrders.map((o) => ['successful', o]),
					...notification.pendingOrders.map((o) => ['pending', o]),
					...notification.failedOrders.map((o) => ['failed', o]),
				] as Array<[string, { orderReference: unknown }]>;
				expect(items.map((item) => [item.status, item.orderReference])).toEqual(
					expected.map(([status, o]) => [status, String(o.orderReference)]),
				);
				for (const item of items) expect(item.batchId).toBe(String(notification.batchId));
				expect(wholeBatch(parsed.value)).toMatchObject({
					successfulCount: notification.successfulOrders.length,
					pendingCount: notification.pendingOrders.length,
					failedCount: notification.failedOrders.length,
				});
			}),
			{ numRuns: 200 },
		);
	});

	test('a valid transaction notification, by GET query, JSON body or AwinTransactionPush form field: one item with its transactionId as text', () => {
		const extra = fc.dictionary(
			fc
				.string({ minLength: 1, maxLength: 12 })
				.filter((key) => key !== 'transactionId' && key !== '__proto__'),
			fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean()),
			{ maxKeys: 6 },
		);
		const id = fc.oneof(fc.nat(), fc.stringMatching(/^\d{1,18}$/));
		fc.assert(
			fc.property(
				id,
				extra,
				fc.constantFrom('get', 'json', 'form'),
				(transactionId, fields, how) => {
					const notification = { ...fields, transactionId };
					const request: IncomingRequest =
						how === 'get'
							? {
									method: 'GET',
									headers: {},
									query: { ...fields, transactionId: String(transactionId) },
								}
							: how === 'json'
								? post(notification)
								: post({ AwinTransactionPush: JSON.stringify(notification) });
					const parsed = parseTransactionNotification(request);
					if (!parsed.ok) throw new Error(parsed.reason);
					expect(parsed.value.transactionId).toBe(String(transactionId));
					expect(parsed.value.fields.transactionId).toBe(String(transactionId));
				},
			),
			{ numRuns: 200 },
		);
	});
});

describe('the trigger through the engine, for arbitrary pushes', () => {
	let endpoint: WebhookEndpoint;
	beforeAll(async () => {
		endpoint = await startWebhookEndpoint(
			triggerWorkflow({ event: 'conversionBatch', secretToken: SECRET, options: {} }),
		);
	});
	afterAll(async () => await endpoint.close());

	test('any body, with any content type: answered 200 or 4xx, never 500, never a crashed execution', async () => {
		const body = fc.oneof(
			fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
			fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
			fc
				.array(fc.boolean(), { minLength: 30, maxLength: 60 })
				.map((kinds) => `{"batchId":"b","x":${nestedText(kinds)}}`),
			batch.map((notification) => JSON.stringify(notification)),
		);
		const contentType = fc.constantFrom(
			'application/json',
			'text/plain',
			'application/x-www-form-urlencoded',
		);
		await fc.assert(
			fc.asyncProperty(body, contentType, async (payload, type) => {
				const call = await endpoint.send('POST', `?token=${SECRET}`, {
					headers: { 'content-type': type },
					body: payload,
				});
				expect(call.crashed).toBeUndefined();
				expect(call.status === 200 || (call.status >= 400 && call.status < 500)).toBe(true);
				if (call.status >= 400) expect(call.started).toBe(false);
			}),
			{ numRuns: 40 },
		);
	});
});

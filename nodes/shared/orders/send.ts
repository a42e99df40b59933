/**
 * Sending orders to Awin (Conversion API and Proof of Purchase): validate every item, send each
 * order once, in calls of at most 1000, and map Awin's answers back to the input items.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ZodTypeAny } from 'zod';

import { chunk } from '../helpers/batch';
import { ItemOutcomes, toNodeError } from '../helpers/outcomes';
import { MAX_PER_CALL } from '../limits';
import {
	checkNumber,
	InvalidPayload,
	readClientSettings,
	readCollection,
	readOption,
	readText,
	validatePayload,
} from '../params';
import { createAwinClient, objectWithOptionalLists } from '../transport';
import { truncateOrderTexts } from './schema';
import { forgetSentOrders, recordSentOrders, sentOrderKey } from './sentOrders';

const INPUT_MODES = ['fields', 'json'] as const;

export type OrderStatus = 'registered' | 'accepted' | 'failed' | 'invalid' | 'duplicate';

/** Each item's status so far, by item index (undefined: not yet known). */
type Statuses = Array<OrderStatus | undefined>;

export interface OrderApi {
	api: 'conversion' | 'proofOfPurchase';
	/** "Conversion API order": used in messages. */
	what: string;
	schema: ZodTypeAny;
	/** The schema's fast path (see schemas/order.ts). */
	plain(order: unknown): IDataObject | undefined;
	/** The endpoint an item's order goes to (its account ids are read per item). */
	path(itemIndex: number): string;
	/** The order of an item in "fields" input mode, in Awin's field names. */
	fromFields(itemIndex: number): IDataObject;
	/** Added to every call's body next to `orders` (e.g. the webhook). */
	extraBody?: IDataObject;
}

interface OrderOptions {
	batchSize?: number;
	isTest?: boolean;
	output?: 'perOrder' | 'perBatch';
	skipAlreadySent?: boolean;
}

/**
 * Checked orders going to one endpoint, with the input items they came from, side by side: not one
 * object per order, which at 100,000 orders, all alive until the end, cost garbage collection time.
 */
interface Orders {
	path: string;
	itemIndexes: number[];
	orders: IDataObject[];
}

interface Call extends Orders {
	statusCode?: number;
	batchId?: string;
	error?: string;
}

/** Texts cut to Awin's limits, by item index: few items have any. */
type Warnings = Map<number, readonly string[]>;

/**
 * An endpoint's path, one string per account (pair): built, and hashed for grouping, once per
 * endpoint rather than once per order. Items in a row nearly always share their accounts: the last
 * pair is compared before any map is asked.
 */
export function endpointPaths(build: (advertiserId: string, publisherId: string) => string): (advertiserId: string, publisherId?: string) => string {
	const byAdvertiser = new Map<string, Map<string, string>>();
	let last: { advertiserId: string; publisherId: string; path: string } | undefined;
	return (advertiserId, publisherId = '') => {
		if (last?.advertiserId === advertiserId && last.publisherId === publisherId) return last.path;
		let byPublisher = byAdvertiser.get(advertiserId);
		if (!byPublisher) byAdvertiser.set(advertiserId, (byPublisher = new Map()));
		let path = byPublisher.get(publisherId);
		if (path === undefined) byPublisher.set(publisherId, (path = build(advertiserId, publisherId)));
		last = { advertiserId, publisherId, path };
		return path;
	};
}

/** Awin's answer (seed 003). */
interface OrdersAnswer {
	message?: string;
	batchId?: string;
	successfulOrders?: Array<{ orderReference?: unknown; correlationId?: string }>;
	failedOrders?: Array<{
		order?: { orderReference?: unknown; correlationId?: string };
		errors?: Array<{ field?: string; message?: string }>;
	}>;
}

/** Statuses whose bodies list which orders failed; anything else non-2xx fails the whole call. */
const ANSWERS_WITH_ORDERS = [206, 400, 406];

export async function createOrders(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	api: OrderApi,
): Promise<INodeExecutionData[]> {
	const options = readCollection(ctx, 'options', 'Options', 0) as OrderOptions;
	const batchSize =
		checkNumber(ctx.getNode(), 0, 'Batch Size', options.batchSize, { min: 1, max: MAX_PER_CALL.orders, integer: true }) ??
		MAX_PER_CALL.orders;
	const outcomes = new ItemOutcomes(ctx, items.length);
	// Filled up front: set out of order (a duplicate first), a sparse array turns slow on large runs.
	const statusOf: Statuses = new Array<OrderStatus | undefined>(items.length).fill(undefined);

	// 1. Every item becomes a checked order (or an invalid item naming its fields), grouped by
	//    endpoint; a repeated orderReference (to the same account) is sent once.
	const isTest = options.isTest === true;
	const { byPath, warnings, duplicatesOf, invalid } = checkOrders(ctx, items, api, isTest, outcomes, statusOf);

	// Without Continue On Fail an invalid item stops the node before anything is sent, so a fixed
	// run of the same items registers each order once.
	outcomes.throwIfFailed('Nothing was sent to Awin. Fix the items, or turn on Continue On Fail to send the valid orders.');

	// 2. Calls of at most batchSize orders per endpoint, one after the other; the client keeps the quota.
	const calls: Call[] = [...byPath.values()].flatMap(({ path, itemIndexes, orders }) => {
		const indexes = chunk(itemIndexes, batchSize);
		return chunk(orders, batchSize).map((batch, b) => ({ path, itemIndexes: indexes[b], orders: batch }));
	});

	const client = await createAwinClient(ctx, api.api, readClientSettings(ctx));
	let stoppedBy: NodeApiError | NodeOperationError | undefined;
	// Skip Orders Already Sent: orders recorded by this execution, and those Awin may hold anyway.
	const keyOf = (call: Orders, k: number) => sentOrderKey(call.path, String(call.orders[k].orderReference), isTest);
	const recorded = new Map<number, string>();
	const mayBeRegistered = new Set<number>();
	for (const call of calls) {
		if (stoppedBy) {
			const message = `Not sent: an earlier call to Awin failed (${stoppedBy.message})`;
			const error = new NodeOperationError(ctx.getNode(), message, {
				itemIndex: call.itemIndexes[0],
				description: 'Nothing of this order reached Awin. Fix the cause and send it again.',
			});
			// Set after construction: n8n swaps a message naming a network code (ECONNRESET) for its own.
			error.message = message;
			call.error = error.message;
			call.itemIndexes.forEach((itemIndex, k) => {
				statusOf[itemIndex] = 'failed';
				outcomes.fail(itemIndex, { status: 'failed', orderReference: call.orders[k].orderReference as string }, error);
			});
			continue;
		}
		let sending: Orders = call;
		if (options.skipAlreadySent) {
			const keys = call.orders.map((_, k) => keyOf(call, k));
			const alreadySent = await recordSentOrders(ctx, keys);
			sending = { path: call.path, itemIndexes: [], orders: [] };
			call.itemIndexes.forEach((itemIndex, k) => {
				if (!alreadySent.has(keys[k])) {
					sending.itemIndexes.push(itemIndex);
					sending.orders.push(call.orders[k]);
					recorded.set(itemIndex, keys[k]);
					return;
				}
				statusOf[itemIndex] = 'duplicate';
				outcomes.succeed(itemIndex, { status: 'duplicate', orderReference: call.orders[k].orderReference as string, alreadySent: true });
			});
			if (sending.orders.length === 0) continue;
		}
		try {
			const { statusCode, body } = await client.request<OrdersAnswer>({
				method: 'POST',
				path: sending.path,
				body: { orders: sending.orders, ...api.extraBody },
				idempotent: false,
				acceptStatus: ANSWERS_WITH_ORDERS,
				// A 2xx that is not Awin's answer fails as "may have been registered", never as registered.
				expect: objectWithOptionalLists('successfulOrders', 'failedOrders'),
				itemIndex: sending.itemIndexes[0],
			});
			call.statusCode = statusCode;
			call.batchId = typeof body?.batchId === 'string' ? body.batchId : undefined;
			mapAnswer(ctx, { ...call, ...sending }, body ?? {}, warnings, outcomes, statusOf, mayBeRegistered);
		} catch (error) {
			// 401, 5xx after retries, or a failure after which Awin may have registered the orders.
			const nodeError = toNodeError(ctx, error, sending.itemIndexes[0]);
			const ambiguous = (nodeError as { errorResponse?: IDataObject }).errorResponse?.ambiguous === true;
			stoppedBy = nodeError;
			call.error = nodeError.message;
			sending.itemIndexes.forEach((itemIndex, k) => {
				statusOf[itemIndex] = 'failed';
				if (ambiguous) mayBeRegistered.add(itemIndex);
				outcomes.fail(
					itemIndex,
					{
						status: 'failed',
						orderReference: sending.orders[k].orderReference as string,
						...(ambiguous ? { mayHaveBeenRegistered: true } : {}),
						...warningsOf(warnings, itemIndex),
					},
					nodeError,
				);
			});
		}
	}
	// Sent only once Awin accepted it (or may hold it): the rest goes again with the next execution.
	const keep = (itemIndex: number) => statusOf[itemIndex] === 'registered' || statusOf[itemIndex] === 'accepted' || mayBeRegistered.has(itemIndex);
	await forgetSentOrders(ctx, [...recorded].filter(([itemIndex]) => !keep(itemIndex)).map(([, key]) => key));

	const result = outcomes.finish(() => sentSummary(calls, statusOf));
	if (options.output !== 'perBatch') return result;
	return summariseByCall(calls, result, duplicatesOf, invalid);
}

/** An endpoint's orders, with the item each orderReference first came from. */
interface EndpointOrders extends Orders {
	firstOf: Map<string, number>;
}

/** Checked orders by endpoint, each orderReference once, and what became of the other items. */
interface CheckedOrders {
	byPath: Map<string, EndpointOrders>;
	warnings: Warnings;
	/** The items that repeat an earlier item's order, by that item's index. */
	duplicatesOf: Map<number, number[]>;
	invalid: number[];
}

/**
 * Step 1 of createOrders, in one pass over the items: each item's order checked (the fast path,
 * else zod), grouped by endpoint, a repeated orderReference to the same endpoint marked duplicate.
 * Invalid and duplicate items get their outcome here.
 */
function checkOrders(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	api: OrderApi,
	isTest: boolean,
	outcomes: ItemOutcomes,
	statusOf: Statuses,
): CheckedOrders {
	const inputMode = readOption(ctx, 'inputMode', 'Input Mode', INPUT_MODES, 0);
	const orderField = inputMode === 'json' ? readText(ctx, 'orderField', 'Order Field', 0) : '';
	const byPath = new Map<string, EndpointOrders>();
	const warnings: Warnings = new Map();
	const duplicatesOf = new Map<number, number[]>();
	const invalid: number[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let orderReference: unknown;
		try {
			let raw = inputMode === 'json' ? orderFromItem(ctx, items[itemIndex], orderField, itemIndex) : api.fromFields(itemIndex);
			orderReference = raw.orderReference;
			// A copy: the input item stays as it came (the checks below copy what they accept).
			if (isTest) raw = { ...raw, isTest: true };
			const path = api.path(itemIndex);
			const checked = validatePayload(ctx, api.schema, raw, itemIndex, api.what, api.plain);
			if (checked instanceof InvalidPayload) {
				statusOf[itemIndex] = 'invalid';
				invalid.push(itemIndex);
				outcomes.fail(itemIndex, { status: 'invalid', orderReference: orderReference as string, errors: checked.issues }, checked.error);
				continue;
			}
			const order = checked as IDataObject;
			let group = byPath.get(path);
			if (!group) byPath.set(path, (group = { path, itemIndexes: [], orders: [], firstOf: new Map() }));
			const reference = String(order.orderReference);
			const first = group.firstOf.get(reference);
			if (first === undefined) {
				group.firstOf.set(reference, itemIndex);
				group.itemIndexes.push(itemIndex);
				group.orders.push(order);
				const cut = truncateOrderTexts(order as never);
				if (cut.length > 0) warnings.set(itemIndex, cut);
				continue;
			}
			statusOf[itemIndex] = 'duplicate';
			const repeats = duplicatesOf.get(first);
			if (repeats) repeats.push(itemIndex);
			else duplicatesOf.set(first, [itemIndex]);
			outcomes.succeed(itemIndex, { status: 'duplicate', orderReference: reference, duplicateOfItem: first });
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			statusOf[itemIndex] = 'invalid';
			invalid.push(itemIndex);
			outcomes.fail(
				itemIndex,
				{ status: 'invalid', orderReference: orderReference as string, errors: [{ field: '(item)', message: nodeError.message }] },
				nodeError,
			);
		}
	}
	return { byPath, warnings, duplicatesOf, invalid };
}

/** The order an item holds in "json" input mode: the whole item, or one of its fields. */
function orderFromItem(ctx: IExecuteFunctions, item: INodeExecutionData, field: string, itemIndex: number): IDataObject {
	let value: unknown = item.json;
	if (field) for (const part of field.split('.')) value = (value as IDataObject | undefined)?.[part];
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			// Reported below as not an object.
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			field ? `Item ${itemIndex}: the field "${field}" holds no order object` : `Item ${itemIndex}: the item is not an order object`,
			{ itemIndex, description: 'In "Order JSON" mode each item holds one order in Awin\'s field names. Not sent to Awin.' },
		);
	}
	return value as IDataObject;
}

/** Awin's answer for one call, mapped to its items by orderReference. */
function mapAnswer(
	ctx: IExecuteFunctions,
	call: Call,
	body: OrdersAnswer,
	warnings: Warnings,
	outcomes: ItemOutcomes,
	statusOf: Statuses,
	mayBeRegistered: Set<number>,
): void {
	const statusCode = call.statusCode as number;
	const successful = new SuccessfulOrders(body.successfulOrders ?? []);
	const failed = new Map<string, { correlationId?: string; errors: Array<{ field?: string; message?: string }> }>();
	for (const entry of body.failedOrders ?? []) {
		failed.set(String(entry.order?.orderReference), { correlationId: entry.order?.correlationId, errors: entry.errors ?? [] });
	}

	for (let k = 0; k < call.itemIndexes.length; k++) {
		const itemIndex = call.itemIndexes[k];
		const orderReference = String(call.orders[k].orderReference);
		// Few answers list failed orders: the map is not even asked when it is empty.
		const rejected = failed.size > 0 ? failed.get(orderReference) : undefined;
		const registered = successful.find(k, orderReference);
		if (!rejected && (registered || statusCode === 200 || statusCode === 202)) {
			const status: OrderStatus = statusCode === 202 ? 'accepted' : 'registered';
			statusOf[itemIndex] = status;
			// Built directly, not by spreading: this runs for every order of a large run.
			const json: IDataObject = { status, orderReference, batchId: call.batchId, correlationId: registered?.correlationId };
			// Few items have warnings: the map is not even asked when it is empty.
			const cut = warnings.size > 0 ? warnings.get(itemIndex) : undefined;
			if (cut) json.warnings = cut;
			outcomes.succeed(itemIndex, json);
			continue;
		}
		const base = { orderReference, batchId: call.batchId, ...warningsOf(warnings, itemIndex) };
		statusOf[itemIndex] = 'failed';
		if (!rejected && statusCode === 206) mayBeRegistered.add(itemIndex);
		const errors = rejected?.errors.map((e) => ({ field: e.field ?? '', message: e.message ?? '' })) ?? [];
		const unlisted = !rejected;
		const message = rejected
			? `Awin rejected order "${orderReference}" (${statusCode}): ${errors.map((e) => [e.field, e.message].filter(Boolean).join(': ')).join('; ') || 'no reason given'}`
			: statusCode === 206
				? `Awin's answer (206) does not say whether order "${orderReference}" was registered`
				: `Awin rejected the whole call (${statusCode}${body.message ? `: ${body.message}` : ''}); order "${orderReference}" was not registered`;
		const description = unlisted && statusCode === 206
			? 'Check in Awin before sending it again, so it is not registered twice.'
			: 'Fix the order and send it again.';
		const error = new NodeApiError(ctx.getNode(), { message, description } as JsonObject, {
			message,
			description,
			httpCode: String(statusCode),
			itemIndex,
		});
		outcomes.fail(
			itemIndex,
			{
				status: 'failed',
				...base,
				correlationId: rejected?.correlationId,
				errors,
				...(unlisted && statusCode === 206 ? { mayHaveBeenRegistered: true } : {}),
			},
			error,
		);
	}
}

type SuccessfulOrder = NonNullable<OrdersAnswer['successfulOrders']>[number];

/**
 * Awin's list of successful orders, searched by orderReference. Awin lists them in the order they
 * were sent, so the entry at the order's position is tried first; the map by reference is built only
 * when that guess misses (after a failed order, or another order). Saves a map of every order. A
 * class, not a closure made per call: V8 then keeps mapAnswer's optimised code from call to call.
 */
class SuccessfulOrders {
	private byReference?: Map<string, SuccessfulOrder>;

	/** Entries not found in the list so far: the guess for the next position moves back by as many. */
	private skipped = 0;

	constructor(private readonly list: SuccessfulOrder[]) {}

	find(position: number, orderReference: string): SuccessfulOrder | undefined {
		const guess = this.list[position - this.skipped];
		if (guess !== undefined && String(guess.orderReference) === orderReference) return guess;
		this.byReference ??= new Map(this.list.map((entry) => [String(entry.orderReference), entry]));
		const found = this.byReference.get(orderReference);
		if (!found) this.skipped++;
		return found;
	}
}

/** What Awin already holds, for the error that stops the node (ItemOutcomes.finish). */
function sentSummary(calls: Orders[], statusOf: Statuses): string {
	const refs = (status: OrderStatus) =>
		calls.flatMap((call) => call.orders.filter((_, k) => statusOf[call.itemIndexes[k]] === status).map((order) => String(order.orderReference)));
	const registered = refs('registered');
	const accepted = refs('accepted');
	const parts = [];
	if (registered.length > 0) parts.push(`Awin registered ${registered.length} order(s) in this execution, do not send them again: ${list(registered)}.`);
	if (accepted.length > 0) parts.push(`Awin accepted ${accepted.length} order(s) for later processing, do not send them again: ${list(accepted)}.`);
	if (parts.length === 0) parts.push('Awin registered none of the orders of this execution.');
	return parts.join(' ');
}

/** Texts cut to Awin's limits, said on the item. */
function warningsOf(warnings: Warnings, itemIndex: number): IDataObject {
	const cut = warnings.get(itemIndex);
	return cut ? { warnings: cut } : {};
}

/** "a, b, c and 12 more" */
function list(values: string[], max = 20): string {
	const shown = values.slice(0, max).join(', ');
	return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** Output mode "one item per batch": a summary per call; invalid items stay as they are. */
function summariseByCall(
	calls: Call[],
	perOrder: INodeExecutionData[],
	duplicatesOf: Map<number, number[]>,
	invalid: number[],
): INodeExecutionData[] {
	const summaries = calls.map((call, index): INodeExecutionData => {
		const orders = call.itemIndexes.map((itemIndex) => perOrder[itemIndex].json);
		const count = (status: OrderStatus) => orders.filter((o) => o.status === status).length;
		const paired = call.itemIndexes.flatMap((itemIndex) => [itemIndex, ...(duplicatesOf.get(itemIndex) ?? [])]);
		return {
			json: {
				call: index + 1,
				httpStatus: call.statusCode,
				batchId: call.batchId,
				orders: orders.length,
				registered: count('registered'),
				accepted: count('accepted'),
				failed: count('failed'),
				duplicates: paired.length - call.itemIndexes.length,
				...(count('duplicate') > 0 ? { alreadySent: count('duplicate') } : {}),
				failedOrders: orders
					.filter((o) => o.status === 'failed')
					.map((o) => ({ orderReference: o.orderReference, errors: o.errors, error: o.error })),
				...(call.error ? { error: call.error } : {}),
			},
			pairedItem: paired.sort((a, b) => a - b).map((item) => ({ item })),
		};
	});
	return [...summaries, ...invalid.map((i) => perOrder[i])];
}

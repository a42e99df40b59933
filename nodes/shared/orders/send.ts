/**
 * Sending orders to Awin (Conversion API and Proof of Purchase): validate every item, send each
 * order once, in calls of at most 1000, and map Awin's answers back to the input items.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ZodTypeAny } from 'zod';

import { chunk } from '../helpers/batch';
import { ItemOutcomes, toNodeError } from '../helpers/outcomes';
import { MAX_PER_CALL } from '../limits';
import { checkNumber, readClientSettings, readCollection } from '../params';
import { createAwinClient, objectWithOptionalLists } from '../transport';
import { mapAnswer, sentSummary, summariseByCall, warningsOf } from './answers';
import { checkOrders } from './check';
import { forgetSentOrders, recordSentOrders, sentOrderKey } from './sentOrders';

export type OrderStatus = 'registered' | 'accepted' | 'failed' | 'invalid' | 'duplicate';

/** Each item's status so far, by item index (undefined: not yet known). */
export type Statuses = Array<OrderStatus | undefined>;

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
export interface Orders {
	path: string;
	itemIndexes: number[];
	orders: IDataObject[];
}

export interface Call extends Orders {
	statusCode?: number;
	batchId?: string;
	error?: string;
}

/** Texts cut to Awin's limits, by item index: few items have any. */
export type Warnings = Map<number, readonly string[]>;

/**
 * An endpoint's path, one string per account (pair): built, and hashed for grouping, once per
 * endpoint rather than once per order. Items in a row nearly always share their accounts: the last
 * pair is compared before any map is asked.
 */
export function endpointPaths(
	build: (advertiserId: string, publisherId: string) => string,
): (advertiserId: string, publisherId?: string) => string {
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

/** Awin's answer (its Conversion API page). */
export interface OrdersAnswer {
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
		checkNumber(ctx.getNode(), 0, 'Batch Size', options.batchSize, {
			min: 1,
			max: MAX_PER_CALL.orders,
			integer: true,
		}) ?? MAX_PER_CALL.orders;
	const outcomes = new ItemOutcomes(ctx, items.length);
	// Filled up front: set out of order (a duplicate first), a sparse array turns slow on large runs.
	const statusOf: Statuses = new Array<OrderStatus | undefined>(items.length).fill(undefined);

	// 1. Every item becomes a checked order (or an invalid item naming its fields), grouped by
	//    endpoint; a repeated orderReference (to the same account) is sent once.
	const isTest = options.isTest === true;
	const { byPath, warnings, duplicatesOf, invalid } = checkOrders(
		ctx,
		items,
		api,
		isTest,
		outcomes,
		statusOf,
	);

	// Without Continue On Fail an invalid item stops the node before anything is sent, so a fixed
	// run of the same items registers each order once.
	outcomes.throwIfFailed(
		'Nothing was sent to Awin. Fix the items, or turn on Continue On Fail to send the valid orders.',
	);

	// 2. Calls of at most batchSize orders per endpoint, one after the other; the client keeps the quota.
	const calls: Call[] = [...byPath.values()].flatMap(({ path, itemIndexes, orders }) => {
		const indexes = chunk(itemIndexes, batchSize);
		return chunk(orders, batchSize).map((batch, b) => ({
			path,
			itemIndexes: indexes[b],
			orders: batch,
		}));
	});

	const client = await createAwinClient(ctx, api.api, readClientSettings(ctx));
	let stoppedBy: NodeApiError | NodeOperationError | undefined;
	// Skip Orders Already Sent: orders recorded by this execution, and those Awin may hold anyway.
	const keyOf = (call: Orders, k: number) =>
		sentOrderKey(call.path, String(call.orders[k].orderReference), isTest);
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
				outcomes.fail(
					itemIndex,
					{ status: 'failed', orderReference: call.orders[k].orderReference as string },
					error,
				);
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
				outcomes.succeed(itemIndex, {
					status: 'duplicate',
					orderReference: call.orders[k].orderReference as string,
					alreadySent: true,
				});
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
			mapAnswer(
				ctx,
				{ ...call, ...sending },
				body ?? {},
				warnings,
				outcomes,
				statusOf,
				mayBeRegistered,
			);
		} catch (error) {
			// 401, 5xx after retries, or a failure after which Awin may have registered the orders.
			const nodeError = toNodeError(ctx, error, sending.itemIndexes[0]);
			const ambiguous =
				(nodeError as { errorResponse?: IDataObject }).errorResponse?.ambiguous === true;
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
	const keep = (itemIndex: number) =>
		statusOf[itemIndex] === 'registered' ||
		statusOf[itemIndex] === 'accepted' ||
		mayBeRegistered.has(itemIndex);
	await forgetSentOrders(
		ctx,
		[...recorded].filter(([itemIndex]) => !keep(itemIndex)).map(([, key]) => key),
	);

	const result = outcomes.finish(() => sentSummary(calls, statusOf));
	if (options.output !== 'perBatch') return result;
	return summariseByCall(calls, result, duplicatesOf, invalid);
}

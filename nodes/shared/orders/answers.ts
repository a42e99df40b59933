import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ItemOutcomes } from '../helpers/outcomes';
import type { Call, Orders, OrdersAnswer, OrderStatus, Statuses, Warnings } from './send';

/** Awin's answer for one call, mapped to its items by orderReference. */
export function mapAnswer(
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
	const failed = new Map<
		string,
		{ correlationId?: string; errors: Array<{ field?: string; message?: string }> }
	>();
	for (const entry of body.failedOrders ?? []) {
		failed.set(String(entry.order?.orderReference), {
			correlationId: entry.order?.correlationId,
			errors: entry.errors ?? [],
		});
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
			const json: IDataObject = {
				status,
				orderReference,
				batchId: call.batchId,
				correlationId: registered?.correlationId,
			};
			// Few items have warnings: the map is not even asked when it is empty.
			const cut = warnings.size > 0 ? warnings.get(itemIndex) : undefined;
			if (cut) json.warnings = cut;
			outcomes.succeed(itemIndex, json);
			continue;
		}
		const base = { orderReference, batchId: call.batchId, ...warningsOf(warnings, itemIndex) };
		statusOf[itemIndex] = 'failed';
		if (!rejected && statusCode === 206) mayBeRegistered.add(itemIndex);
		const errors =
			rejected?.errors.map((e) => ({ field: e.field ?? '', message: e.message ?? '' })) ?? [];
		const unlisted = !rejected;
		const message = rejected
			? `Awin rejected order "${orderReference}" (${statusCode}): ${errors.map((e) => [e.field, e.message].filter(Boolean).join(': ')).join('; ') || 'no reason given'}`
			: statusCode === 206
				? `Awin's answer (206) does not say whether order "${orderReference}" was registered`
				: `Awin rejected the whole call (${statusCode}${body.message ? `: ${body.message}` : ''}); order "${orderReference}" was not registered`;
		const description =
			unlisted && statusCode === 206
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
export function sentSummary(calls: Orders[], statusOf: Statuses): string {
	const refs = (status: OrderStatus) =>
		calls.flatMap((call) =>
			call.orders
				.filter((_, k) => statusOf[call.itemIndexes[k]] === status)
				.map((order) => String(order.orderReference)),
		);
	const registered = refs('registered');
	const accepted = refs('accepted');
	const parts = [];
	if (registered.length > 0)
		parts.push(
			`Awin registered ${registered.length} order(s) in this execution, do not send them again: ${list(registered)}.`,
		);
	if (accepted.length > 0)
		parts.push(
			`Awin accepted ${accepted.length} order(s) for later processing, do not send them again: ${list(accepted)}.`,
		);
	if (parts.length === 0) parts.push('Awin registered none of the orders of this execution.');
	return parts.join(' ');
}

/** Texts cut to Awin's limits, said on the item. */
export function warningsOf(warnings: Warnings, itemIndex: number): IDataObject {
	const cut = warnings.get(itemIndex);
	return cut ? { warnings: cut } : {};
}

/** "a, b, c and 12 more" */
function list(values: string[], max = 20): string {
	const shown = values.slice(0, max).join(', ');
	return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

/** Output mode "one item per batch": a summary per call; invalid items stay as they are. */
export function summariseByCall(
	calls: Call[],
	perOrder: INodeExecutionData[],
	duplicatesOf: Map<number, number[]>,
	invalid: number[],
): INodeExecutionData[] {
	const summaries = calls.map((call, index): INodeExecutionData => {
		const orders = call.itemIndexes.map((itemIndex) => perOrder[itemIndex].json);
		const count = (status: OrderStatus) => orders.filter((o) => o.status === status).length;
		const paired = call.itemIndexes.flatMap((itemIndex) => [
			itemIndex,
			...(duplicatesOf.get(itemIndex) ?? []),
		]);
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

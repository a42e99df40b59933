import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemOutcomes } from '../helpers/outcomes';
import { toNodeError } from '../helpers/outcomes';
import { InvalidPayload, readOption, readText, validatePayload } from '../params';
import { truncateOrderTexts } from './build';
import type { OrderApi, Orders, Statuses, Warnings } from './send';

const INPUT_MODES = ['fields', 'json'] as const;

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
export function checkOrders(
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
			let raw =
				inputMode === 'json'
					? orderFromItem(ctx, items[itemIndex], orderField, itemIndex)
					: api.fromFields(itemIndex);
			orderReference = raw.orderReference;
			// A copy: the input item stays as it came (the checks below copy what they accept).
			if (isTest) raw = { ...raw, isTest: true };
			const path = api.path(itemIndex);
			const checked = validatePayload(ctx, api.schema, raw, itemIndex, api.what, api.plain);
			if (checked instanceof InvalidPayload) {
				statusOf[itemIndex] = 'invalid';
				invalid.push(itemIndex);
				outcomes.fail(
					itemIndex,
					{ status: 'invalid', orderReference: orderReference as string, errors: checked.issues },
					checked.error,
				);
				continue;
			}
			const order = checked as IDataObject;
			let group = byPath.get(path);
			if (!group)
				byPath.set(path, (group = { path, itemIndexes: [], orders: [], firstOf: new Map() }));
			const reference = String(order.orderReference);
			const first = group.firstOf.get(reference);
			if (first === undefined) {
				group.firstOf.set(reference, itemIndex);
				group.itemIndexes.push(itemIndex);
				const sent = truncateOrderTexts(order);
				group.orders.push(sent.order);
				if (sent.warnings.length > 0) warnings.set(itemIndex, sent.warnings);
				continue;
			}
			statusOf[itemIndex] = 'duplicate';
			const repeats = duplicatesOf.get(first);
			if (repeats) repeats.push(itemIndex);
			else duplicatesOf.set(first, [itemIndex]);
			outcomes.succeed(itemIndex, {
				status: 'duplicate',
				orderReference: reference,
				duplicateOfItem: first,
			});
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			statusOf[itemIndex] = 'invalid';
			invalid.push(itemIndex);
			outcomes.fail(
				itemIndex,
				{
					status: 'invalid',
					orderReference: orderReference as string,
					errors: [{ field: '(item)', message: nodeError.message }],
				},
				nodeError,
			);
		}
	}
	return { byPath, warnings, duplicatesOf, invalid };
}

/** The order an item holds in "json" input mode: the whole item, or one of its fields. */
function orderFromItem(
	ctx: IExecuteFunctions,
	item: INodeExecutionData,
	field: string,
	itemIndex: number,
): IDataObject {
	let value: unknown = item.json;
	if (field)
		for (const part of field.split('.')) value = (value as IDataObject | undefined)?.[part];
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
			field
				? `Item ${itemIndex}: the field "${field}" holds no order object`
				: `Item ${itemIndex}: the item is not an order object`,
			{
				itemIndex,
				description:
					'In "Order JSON" mode each item holds one order in Awin\'s field names. Not sent to Awin.',
			},
		);
	}
	return value as IDataObject;
}

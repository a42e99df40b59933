import type { IDataObject } from 'n8n-workflow';

import { NO_WARNINGS } from '../helpers/outcomes';
import { BASKET_TEXTS, ORDER_LIMITS } from './fields';

type Plain = Record<string, unknown>;

/** Commission groups from the fixedCollection, in Awin's shape. */
export function readCommissionGroups(value: unknown): IDataObject[] {
	const groups = ((value as IDataObject | undefined)?.group ?? []) as IDataObject[];
	return groups.map((group) => ({ code: group.code, amount: group.amount }));
}

/** Drops fields left empty in the editor, so the order holds only what the user set. */
export function withoutBlanks(order: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(order).filter(
			([, value]) => value !== undefined && value !== null && value !== '',
		),
	);
}

const hasLongText = (line: Plain) =>
	BASKET_TEXTS.some((field) => {
		const value = line[field];
		return typeof value === 'string' && value.length > ORDER_LIMITS.basketText;
	});

/**
 * The order to send with its descriptive basket texts cut to Awin's limit, as Awin itself would,
 * and the warnings saying which. The order given is not changed: it may be the input item's own.
 */
export function truncateOrderTexts(order: IDataObject): {
	order: IDataObject;
	warnings: readonly string[];
} {
	const basket = order.basket as Plain[] | undefined;
	// Nearly no order has a text to cut: those are looked at without building a copy of the basket.
	if (!basket || !basket.some(hasLongText)) return { order, warnings: NO_WARNINGS };
	const warnings: string[] = [];
	const max = ORDER_LIMITS.basketText;
	const lines = basket.map((line, index) => {
		let cut: Plain | undefined;
		for (const field of BASKET_TEXTS) {
			const value = line[field];
			if (typeof value !== 'string' || value.length <= max) continue;
			cut ??= { ...line };
			cut[field] = value.slice(0, max);
			warnings.push(
				`basket[${index}].${field} was cut to Awin's ${max} characters (it had ${value.length})`,
			);
		}
		return cut ?? line;
	});
	if (warnings.length === 0) return { order, warnings: NO_WARNINGS };
	return { order: { ...order, basket: lines }, warnings };
}

/**
 * Checks of parameter values before anything is sent to Awin. Every refusal names the item, the
 * parameter as the editor shows it, the value given and what is allowed. An expression can give
 * any value, whatever the field's type in the editor, so numbers and ids are checked here.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Longest value shown back in a refusal (a 50,000-character value is not repeated whole). */
const SHOWN_VALUE = 80;

/** The longest text parameter passed on to Awin (names, filters, ids). */
export const MAX_TEXT_LENGTH = 1_000;

export function shownValue(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return text.length > SHOWN_VALUE ? `${text.slice(0, SHOWN_VALUE)}… (${text.length} characters)` : text;
}

export function refuse(node: INode, itemIndex: number, displayName: string, value: unknown, allowed: string): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex}: "${displayName}" ${allowed}, got "${shownValue(value)}"`, {
		itemIndex,
		description: 'Nothing was sent to Awin. Fix the value and run again.',
	});
}

export interface NumberRule {
	min: number;
	max: number;
	/** Whole numbers only. */
	integer?: boolean;
}

/** A number parameter: undefined when not set, else a finite number within the rule. */
export function checkNumber(
	node: INode,
	itemIndex: number,
	displayName: string,
	raw: unknown,
	rule: NumberRule,
): number | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim() || NaN) : NaN;
	const ok = Number.isFinite(value) && value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value));
	if (!ok) {
		throw refuse(node, itemIndex, displayName, raw, `must be a ${rule.integer ? 'whole number' : 'number'} from ${rule.min} to ${rule.max}`);
	}
	return value;
}

/** A text sent to Awin: at most MAX_TEXT_LENGTH characters. */
export function checkText(node: INode, itemIndex: number, displayName: string, value: string): string {
	if (value.length > MAX_TEXT_LENGTH) throw refuse(node, itemIndex, displayName, value, `must be at most ${MAX_TEXT_LENGTH} characters`);
	return value;
}

/**
 * An id that goes into a URL path: letters, digits, "_" and "-" only (Awin's ids are numbers, its
 * validation job ids hexadecimal), so no value can be empty or walk the path with "." or "/".
 */
export function checkPathId(node: INode, itemIndex: number, displayName: string, raw: unknown): string {
	const value = String(raw ?? '').trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
		throw refuse(node, itemIndex, displayName, raw, 'must be an Awin ID (1 to 64 letters, digits, "_" or "-")');
	}
	return value;
}

/**
 * Checks of parameter values before anything is sent to Awin. Every refusal names the item, the
 * parameter as the editor shows it, the value given and what is allowed. An expression can give
 * any value, whatever the field's type in the editor, so numbers and ids are checked here.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Longest value shown back in a refusal (a 50,000-character value is not repeated whole). */
const SHOWN_VALUE = 80;

/**
 * A value as text without calling its own toString: an expression may return any object, even
 * one whose toString is not a function.
 */
export function textOf(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'object' && typeof value !== 'function') return String(value);
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '';
	}
}

function shownValue(value: unknown): string {
	const text =
		typeof value === 'string' || value === undefined || value === null
			? String(value)
			: textOf(value);
	return text.length > SHOWN_VALUE
		? `${text.slice(0, SHOWN_VALUE)}… (${text.length} characters)`
		: text;
}

export function refuse(
	node: INode,
	itemIndex: number,
	displayName: string,
	value: unknown,
	allowed: string,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Item ${itemIndex}: "${displayName}" ${allowed}, got "${shownValue(value)}"`,
		{
			itemIndex,
			description: 'Nothing was sent to Awin. Fix the value and run again.',
		},
	);
}

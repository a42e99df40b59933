import type { INode } from 'n8n-workflow';

import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';
import { refuse, textOf } from './refuse';

/** One option from a fixed list, checked (an expression can give anything). */
export function checkOption<T extends string>(
	node: INode,
	itemIndex: number,
	displayName: string,
	value: unknown,
	allowed: readonly T[],
): T {
	const text = textOf(value).trim() as T;
	if (!allowed.includes(text)) {
		throw refuse(node, itemIndex, displayName, text, `must be one of ${allowed.join(', ')}`);
	}
	return text;
}

/** An options parameter (a dotted name reads inside a collection), checked like checkOption. */
export function readOption<T extends string>(
	ctx: ParameterContext,
	name: string,
	label: string,
	allowed: readonly T[],
	itemIndex: number,
	fallback?: T,
): T {
	const value = nodeParameter(ctx, name, itemIndex, fallback ?? '');
	return checkOption(ctx.getNode(), itemIndex, label, value, allowed);
}

/**
 * A yes/no parameter: true or false (also as the text "true" or "false", as an expression may
 * give it); anything else is refused rather than read as false.
 */
export function readBoolean(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
	fallback = false,
): boolean {
	const value = nodeParameter(ctx, name, itemIndex, fallback);
	if (value === undefined || value === null || value === '') return fallback;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw refuse(ctx.getNode(), itemIndex, displayName, value, 'must be true or false');
}

/** Several options from a fixed list (a list, or text separated by commas), each checked; [] when empty. */
export function readOptions<T extends string>(
	ctx: ParameterContext,
	name: string,
	label: string,
	allowed: readonly T[],
	itemIndex: number,
): T[] {
	const raw = nodeParameter(ctx, name, itemIndex, []);
	const values = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((value) => String(value).trim())
		.filter(Boolean) as T[];
	const bad = values.find((value) => !allowed.includes(value));
	if (bad !== undefined)
		throw refuse(ctx.getNode(), itemIndex, label, bad, `must be one of ${allowed.join(', ')}`);
	return [...new Set(values)];
}

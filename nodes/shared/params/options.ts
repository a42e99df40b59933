import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';
import { refuse } from './refuse';

/** One option from a fixed list, checked (an expression can give anything). */
export function readOption<T extends string>(
	ctx: ParameterContext,
	name: string,
	label: string,
	allowed: readonly T[],
	itemIndex: number,
	fallback?: T,
): T {
	const value = String(nodeParameter(ctx, name, itemIndex, fallback ?? '') ?? '').trim() as T;
	if (!allowed.includes(value)) throw refuse(ctx.getNode(), itemIndex, label, value, `must be one of ${allowed.join(', ')}`);
	return value;
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
	if (bad !== undefined) throw refuse(ctx.getNode(), itemIndex, label, bad, `must be one of ${allowed.join(', ')}`);
	return [...new Set(values)];
}

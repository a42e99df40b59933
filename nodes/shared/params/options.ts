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

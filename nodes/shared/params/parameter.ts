import type { IExecuteFunctions, IGetNodeParameterOptions, IPollFunctions } from 'n8n-workflow';

/** A context that reads parameters: an action (per item) or a polling trigger (no items). */
export type ParameterContext = IExecuteFunctions | IPollFunctions;

/**
 * A parameter of an item, or of the node in a polling trigger: there getNodeParameter takes no
 * item index, so the same readers serve the action node and the trigger.
 */
export function nodeParameter(
	ctx: ParameterContext,
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	if ('getInputData' in ctx) return ctx.getNodeParameter(name, itemIndex, fallback, options);
	return ctx.getNodeParameter(name, fallback, options);
}

/**
 * A parameter read per item, or once when it is fixed (not an expression): each getNodeParameter
 * call costs microseconds, a large part of a run over tens of thousands of items.
 */
export function perItemParameter<T>(ctx: IExecuteFunctions, name: string): (itemIndex: number) => T {
	if (isExpression(ctx.getNode().parameters[name])) return (itemIndex) => ctx.getNodeParameter(name, itemIndex) as T;
	const value = ctx.getNodeParameter(name, 0) as T;
	return () => value;
}

export function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

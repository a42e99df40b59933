import type {
	IDataObject,
	IExecuteFunctions,
	IGetNodeParameterOptions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { refuse } from './refuse';

/**
 * A context that reads parameters: an action (per item), or a trigger, webhook or picker (no
 * items: their parameters are the node's).
 */
export type ParameterContext =
	IExecuteFunctions | IPollFunctions | IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

/**
 * A parameter of an item, or of the node where there are no items: there getNodeParameter takes
 * no item index, so the same readers serve the action node and the triggers. The only place that
 * calls getNodeParameter: every other read goes through a reader of this folder.
 */
export function nodeParameter(
	ctx: ParameterContext,
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	if ('getInputData' in ctx) return ctx.getNodeParameter(name, itemIndex, fallback, options);
	return (ctx as IPollFunctions).getNodeParameter(name, fallback, options);
}

/**
 * A parameter read per item, or once when it is fixed (not an expression): each getNodeParameter
 * call costs microseconds, a large part of a run over tens of thousands of items.
 */
export function perItemParameter<T>(
	ctx: IExecuteFunctions,
	name: string,
): (itemIndex: number) => T {
	if (isExpression(ctx.getNode().parameters[name])) {
		return (itemIndex) => ctx.getNodeParameter(name, itemIndex) as T;
	}
	const value = ctx.getNodeParameter(name, 0) as T;
	return () => value;
}

export function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

/**
 * A value that goes whole into a payload validatePayload checks before anything is sent (an order,
 * a validation, a link request): the payload's schema names the field and what it allows.
 */
export function readPayloadValue(
	ctx: ParameterContext,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): IDataObject[string] {
	return nodeParameter(ctx, name, itemIndex, fallback) as IDataObject[string];
}

/**
 * A collection or fixed collection ("Options", "Filters"): an object, {} when not set. Its
 * entries are then read with the readers of their kind (or by their dotted names).
 */
export function readCollection(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
): IDataObject {
	const value = nodeParameter(ctx, name, itemIndex, {});
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw refuse(
			ctx.getNode(),
			itemIndex,
			displayName,
			value,
			'must be a set of fields (an object)',
		);
	}
	return value as IDataObject;
}

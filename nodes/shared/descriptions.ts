import type { IExecuteFunctions, IGetNodeParameterOptions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkNumber, refuse } from './params';
import type { ClientSettings } from './transport';

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

/** Fields every operation's "Options" collection offers for pacing and retries. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		// 20 = quotas.bearer.limit; n8n's lint needs a literal default.
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 20,
		description:
			'Workflows in one n8n process already share each token\'s quota. Lower this when n8n workers (queue mode), other n8n instances or other tools use the same Awin token or key, so that together they stay under Awin\'s 20 calls per minute. Calls over the rate wait; they are never dropped.',
	},
	{
		displayName: 'Max Tries per Call',
		name: 'maxTries',
		type: 'number',
		// 5 = retryPolicy.maxTries
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 5,
		description:
			'How often one call to Awin is tried when Awin answers 429 (rate limit) or a server error, the first try included',
	},
];

/** The "Options" collection of an operation that has no options beyond pacing and retries. */
export const requestOptionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...requestOptionFields],
};

/** Reads the pacing and retry settings from the node's "options" collection. */
export function readClientSettings(ctx: ParameterContext, itemIndex = 0): ClientSettings {
	const options = nodeParameter(ctx, 'options', itemIndex, {}) as Record<string, unknown>;
	const node = ctx.getNode();
	return {
		// Under 1 a minute would mean waiting forever; the quota itself caps what Awin allows.
		requestsPerMinute: checkNumber(node, itemIndex, 'Max Requests per Minute', options.requestsPerMinute, { min: 1, max: 1_000 }),
		maxTries: checkNumber(node, itemIndex, 'Max Tries per Call', options.maxTries, { min: 1, max: 10, integer: true }),
	};
}

/** Errors of our own pass through; anything else becomes a NodeOperationError on the item. */
export function toNodeError(
	ctx: ParameterContext,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** An Awin account as a resource locator: pick from the accounts the token sees, or type the id. */
export function accountLocator(
	name: 'advertiserId' | 'publisherId',
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const type = name === 'advertiserId' ? 'advertiser' : 'publisher';
	const label = name === 'advertiserId' ? 'Advertiser' : 'Publisher';
	return {
		displayName: `${label} Account`,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The Awin ${type} account (its ID is shown in brackets in Awin's account switcher)`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: name === 'advertiserId' ? 'searchAdvertiserAccounts' : 'searchPublisherAccounts',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12345',
				// No regex validation here: n8n runs a mode's regex in a vm before every execution
				// (about 4 ms the first time in a process, 0.5 ms after; docs/development.md), and
				// readAccountId refuses a value that is not a number, naming item, parameter and value.
			},
		],
		...overrides,
	};
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

const fixedAccountIds = new WeakMap<ParameterContext, Map<string, string>>();

function isExpression(value: unknown): boolean {
	return typeof value === 'string' && value.startsWith('=');
}

/**
 * The account id chosen in an accountLocator, checked to be a number. A fixed choice (not an
 * expression) is read once per execution: n8n resolves a locator on every read, and 45,000 reads
 * add up.
 */
export function readAccountId(ctx: ParameterContext, name: 'advertiserId' | 'publisherId', itemIndex: number): string {
	// Cache first: only fixed choices are cached, and getNode() deep-copies the node on every call.
	const cached = fixedAccountIds.get(ctx)?.get(name);
	if (cached !== undefined) return cached;
	const raw = ctx.getNode().parameters[name] as { value?: unknown } | string | undefined;
	const fixed = !isExpression(raw) && !isExpression(typeof raw === 'object' ? raw?.value : undefined);

	const value = String(nodeParameter(ctx, name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(value)) {
		const label = name === 'advertiserId' ? 'Advertiser Account' : 'Publisher Account';
		throw refuse(ctx.getNode(), itemIndex, label, value, 'must be an Awin account ID (a number)');
	}
	if (fixed) {
		if (!fixedAccountIds.has(ctx)) fixedAccountIds.set(ctx, new Map());
		fixedAccountIds.get(ctx)?.set(name, value);
	}
	return value;
}

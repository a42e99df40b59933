import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ClientSettings } from './transport';

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
			'Lower this when other workflows or n8n workers (queue mode) use the same Awin token or key, so together they stay under Awin\'s 20 calls per minute. Calls over the quota wait; they are never dropped.',
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

/** Reads the pacing and retry settings from the node's "options" collection. */
export function readClientSettings(ctx: IExecuteFunctions, itemIndex = 0): ClientSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as ClientSettings;
	return { requestsPerMinute: options.requestsPerMinute, maxTries: options.maxTries };
}

/** Errors of our own pass through; anything else becomes a NodeOperationError on the item. */
export function toNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

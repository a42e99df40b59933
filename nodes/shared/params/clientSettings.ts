import type { ClientSettings } from '../transport';
import { checkNumber } from './numbers';
import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';

/** Reads the pacing and retry settings from the node's "options" collection. */
export function readClientSettings(ctx: ParameterContext, itemIndex = 0): ClientSettings {
	const options = nodeParameter(ctx, 'options', itemIndex, {}) as Record<string, unknown>;
	const node = ctx.getNode();
	return {
		// Under 1 a minute would mean waiting forever; the quota itself caps what Awin allows.
		requestsPerMinute: checkNumber(
			node,
			itemIndex,
			'Max Requests per Minute',
			options.requestsPerMinute,
			{ min: 1, max: 1_000 },
		),
		maxTries: checkNumber(node, itemIndex, 'Max Tries per Call', options.maxTries, {
			min: 1,
			max: 10,
			integer: true,
		}),
	};
}

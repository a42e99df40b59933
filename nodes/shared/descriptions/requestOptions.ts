import type { INodeProperties } from 'n8n-workflow';

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
			"Workflows in one n8n process already share each token's quota. Lower this when n8n workers (queue mode), other n8n instances or other tools use the same Awin token or key, so that together they stay under Awin's 20 calls per minute. Calls over the rate wait; they are never dropped.",
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

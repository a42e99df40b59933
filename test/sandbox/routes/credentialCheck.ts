import type { RouteFactory } from '../server.ts';

/**
 * What the Awin Conversion API credential test meets: an empty batch posted to advertiser 0. Awin
 * checks the key first (the server answers 401 for a bad one before any route), then rejects the
 * payload. Registered last in ./index.ts, so a full orders route for the same path takes precedence.
 */
export const credentialCheckRoutes: RouteFactory = () => [
	{
		method: 'POST',
		path: '/s2s/advertiser/:advertiserId/orders',
		auth: 'apiKey',
		quota: 'conversion',
		handle(request) {
			const orders = (request.body as { orders?: unknown } | undefined)?.orders;
			if (!Array.isArray(orders) || orders.length === 0) {
				return { status: 400, body: { error: 'invalid.payload', description: 'The request must contain between 1 and 1000 orders' } };
			}
			return { status: 400, body: { error: 'invalid.advertiser', description: `Unknown advertiser ${request.params.advertiserId}` } };
		},
	},
];

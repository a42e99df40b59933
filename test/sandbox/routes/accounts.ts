import type { RouteFactory } from '../server.ts';

/** The accounts the sandbox user can see; later areas use these ids. */
export const SANDBOX_ACCOUNTS = [
	{ accountId: 10001, accountName: 'Demo Shop UK', accountType: 'advertiser', userRole: 'admin' },
	{ accountId: 10002, accountName: 'Demo Shop DE', accountType: 'advertiser', userRole: 'user' },
	{ accountId: 20001, accountName: 'Cashback Club', accountType: 'publisher', userRole: 'admin' },
];

export const SANDBOX_USER_ID = 555001;

export const accountRoutes: RouteFactory = () => [
	{
		method: 'GET',
		path: '/accounts',
		auth: 'bearer',
		quota: 'bearer',
		handle(request) {
			const type = request.query.type;
			if (type !== undefined && type !== 'advertiser' && type !== 'publisher') {
				return {
					status: 400,
					body: { error: 'invalid.parameter', description: `Unknown account type '${type}'` },
				};
			}
			return {
				status: 200,
				body: {
					userId: SANDBOX_USER_ID,
					accounts: SANDBOX_ACCOUNTS.filter((a) => !type || a.accountType === type),
				},
			};
		},
	},
];

import type { IDataObject } from 'n8n-workflow';

import type { AwinClient } from '../../../shared/transport';
import { objectWithList } from '../../../shared/transport';

interface AccountsAnswer {
	userId?: number;
	accounts?: IDataObject[];
}

/** GET /accounts, optionally filtered by type; each account with the user id it belongs to. */
export async function listAccounts(
	client: AwinClient,
	accountType: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const { body } = await client.request<AccountsAnswer>({
		method: 'GET',
		path: '/accounts',
		qs: accountType === 'all' ? undefined : { type: accountType },
		idempotent: true,
		itemIndex,
		expect: objectWithList('accounts'),
	});
	return (body.accounts ?? [])
		.filter((account) => accountType === 'all' || account.accountType === accountType)
		.map((account) => ({ ...account, userId: body.userId }));
}

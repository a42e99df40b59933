import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createAwinClient } from '../../shared/transport';
import { listAccounts } from '../actions/account/accounts';

async function searchAccounts(
	ctx: ILoadOptionsFunctions,
	accountType: 'advertiser' | 'publisher',
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await createAwinClient(ctx, 'bearer');
	const accounts = await listAccounts(client, accountType);
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: accounts
			.filter(
				(a) =>
					!needle ||
					String(a.accountName).toLowerCase().includes(needle) ||
					String(a.accountId).includes(needle),
			)
			.map((a) => ({ name: `${a.accountName} (${a.accountId})`, value: String(a.accountId) })),
	};
}

/** Pickers for the account resource locators. */
export const listSearch = {
	async searchAdvertiserAccounts(this: ILoadOptionsFunctions, filter?: string) {
		return await searchAccounts(this, 'advertiser', filter);
	},
	async searchPublisherAccounts(this: ILoadOptionsFunctions, filter?: string) {
		return await searchAccounts(this, 'publisher', filter);
	},
};

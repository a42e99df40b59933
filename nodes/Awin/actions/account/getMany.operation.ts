import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { runReads } from '../../../shared/helpers/reads';
import { readClientSettings, readOption } from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { listAccounts } from './accounts';

const properties: INodeProperties[] = [
	{
		displayName: 'Account Type',
		// Not `accountType`: that name is the advertiser/publisher switch of the reads, and n8n shows
		// every parameter depending on a name whose value is an expression.
		name: 'accountTypeFilter',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Advertiser', value: 'advertiser' },
			{ name: 'Publisher', value: 'publisher' },
		],
		default: 'all',
		description: 'Which of the accounts your Awin user can see to return',
	},
	requestOptionsCollection,
];

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['account'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		// Items asking for the same type share one call: the list is the same for each.
		return await runReads(this, items, (itemIndex) => {
			const accountType = readOption(
				this,
				'accountTypeFilter',
				'Account Type',
				['all', 'advertiser', 'publisher'],
				itemIndex,
				'all',
			);
			return {
				key: accountType,
				fetch: async () => await listAccounts(client, accountType, itemIndex),
			};
		});
	},
};

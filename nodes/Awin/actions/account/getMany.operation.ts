import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readClientSettings, requestOptionFields, toNodeError } from '../../../shared/descriptions';
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...requestOptionFields],
	},
];

export const getMany: AwinOperation = {
	description: updateDisplayOptions({ show: { resource: ['account'], operation: ['getMany'] } }, properties),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		// One call per distinct filter, however many items ask: the list is the same for each.
		const byType = new Map<string, Promise<IDataObject[]>>();
		const output: INodeExecutionData[] = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const accountType = this.getNodeParameter('accountTypeFilter', itemIndex) as string;
				if (!byType.has(accountType)) byType.set(accountType, listAccounts(client, accountType, itemIndex));
				const accounts = await (byType.get(accountType) as Promise<IDataObject[]>);
				output.push(...accounts.map((account) => ({ json: account, pairedItem: { item: itemIndex } })));
			} catch (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message }, error: nodeError, pairedItem: { item: itemIndex } });
			}
		}
		return output;
	},
};

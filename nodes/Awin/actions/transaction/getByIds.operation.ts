import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { deepCopy, updateDisplayOptions } from 'n8n-workflow';

import {
	accountFields,
	requestOptionFields,
	simplifyField,
	timezoneField,
} from '../../../shared/descriptions';
import { chunk } from '../../../shared/helpers/batch';
import { toNodeError } from '../../../shared/helpers/outcomes';
import { presentTransactions } from '../../../shared/helpers/transactions';
import {
	nodeParameter,
	readAccount,
	readBoolean,
	readClientSettings,
	readIdList,
	readOption,
	refuse,
} from '../../../shared/params';
import { createAwinClient, listOfObjects } from '../../../shared/transport';
import { AWIN_TIMEZONES, MAX_PER_CALL } from '../../../shared/limits';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	...accountFields(['advertiser', 'publisher']),
	{
		displayName: 'Transaction IDs',
		name: 'ids',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 123456789, 123456790',
		description:
			'Awin transaction IDs separated by commas (or an array from an expression). IDs Awin does not know for this account return nothing.',
	},
	timezoneField,
	simplifyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Show Basket Products',
				name: 'showBasketProducts',
				type: 'boolean',
				default: false,
				description: 'Whether to include the products of each basket (basketProducts)',
			},
			...requestOptionFields,
		],
	},
];

interface Ask {
	key: string;
	path: string;
	qs: IDataObject;
	ids: string[];
	simplify: boolean;
}

export const getByIds: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transaction'], operation: ['getByIds'] } },
		properties,
	),

	/**
	 * The ids of every item are gathered per account and settings, and fetched MAX_PER_CALL at a time:
	 * 500 items with one id each cost 5 calls, not 500. Each item then gets its own transactions.
	 */
	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const asks: Array<Ask | Error> = items.map((_, itemIndex) => {
			try {
				const account = readAccount(this, itemIndex, ['advertiser', 'publisher']);
				const timezone = readOption(this, 'timezone', 'Timezone', AWIN_TIMEZONES, itemIndex, 'UTC');
				const ids = [...new Set(readIdList(this, 'ids', 'Transaction IDs', itemIndex))];
				if (ids.length === 0) {
					const given = nodeParameter(this, 'ids', itemIndex, '');
					throw refuse(
						this.getNode(),
						itemIndex,
						'Transaction IDs',
						given,
						'must list at least one Awin transaction ID',
					);
				}
				const qs: IDataObject = { timezone };
				if (readBoolean(this, 'options.showBasketProducts', 'Show Basket Products', itemIndex)) {
					qs.showBasketProducts = true;
				}
				const path = `${account.path}/transactions/`;
				const simplify = readBoolean(this, 'simplify', 'Simplify', itemIndex);
				return { key: JSON.stringify([path, qs]), path, qs, ids, simplify };
			} catch (error) {
				return toNodeError(this, error, itemIndex);
			}
		});
		const firstBad = asks.find((ask): ask is Error => ask instanceof Error);
		// Nothing is sent when an item is wrong and the node would stop anyway.
		if (firstBad && !this.continueOnFail()) throw firstBad;

		// Per query: the transactions found, and the error of each id whose call failed.
		const found = new Map<string, Map<string, IDataObject>>();
		const failed = new Map<string, Map<string, Error>>();
		const groups = new Map<string, { ask: Ask; ids: Set<string>; itemIndex: number }>();
		asks.forEach((ask, itemIndex) => {
			if (ask instanceof Error) return;
			const group = groups.get(ask.key) ?? { ask, ids: new Set<string>(), itemIndex };
			for (const id of ask.ids) group.ids.add(id);
			groups.set(ask.key, group);
		});
		for (const [key, { ask, ids, itemIndex }] of groups) {
			found.set(key, new Map());
			failed.set(key, new Map());
			for (const part of chunk([...ids], MAX_PER_CALL.transactionIds)) {
				try {
					const { body } = await client.request<IDataObject[]>({
						method: 'GET',
						path: ask.path,
						qs: { ...ask.qs, ids: part.join(',') },
						idempotent: true,
						expect: listOfObjects,
						itemIndex,
					});
					for (const row of Array.isArray(body) ? body : [])
						found.get(key)?.set(String(row.id), row);
				} catch (error) {
					const nodeError = toNodeError(this, error, itemIndex);
					if (!this.continueOnFail()) throw nodeError;
					for (const id of part) failed.get(key)?.set(id, nodeError);
				}
			}
		}

		const output: INodeExecutionData[] = [];
		asks.forEach((ask, itemIndex) => {
			const error =
				ask instanceof Error
					? ask
					: ask.ids.map((id) => failed.get(ask.key)?.get(id)).find(Boolean);
			if (error) {
				const nodeError = toNodeError(this, error, itemIndex);
				output.push({
					json: { error: nodeError.message },
					error: nodeError,
					pairedItem: { item: itemIndex },
				});
				return;
			}
			const own = ask as Ask;
			const rows = own.ids
				.map((id) => found.get(own.key)?.get(id))
				.filter((row): row is IDataObject => row !== undefined)
				.map((row) => deepCopy(row));
			for (const json of presentTransactions(own.simplify)(rows))
				output.push({ json, pairedItem: { item: itemIndex } });
		});
		return output;
	},
};

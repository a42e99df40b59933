import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { chunk } from '../../../shared/helpers/batch';
import { rowsOf, runReads } from '../../../shared/helpers/reads';
import { PUBLIC_API } from '../../../shared/limits';
import { readAccountId, readClientSettings, readIdList, refuse } from '../../../shared/params';
import { createAwinClient, listOrObjectWithList } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	accountLocator('publisherId'),
	{
		displayName: 'Advertiser IDs',
		name: 'advertiserIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1001, 1002',
		description:
			'The Awin IDs (numbers) of the advertisers whose programme terms to read, separated by commas. No partnership is needed. An advertiser without stored terms is left out.',
	},
	requestOptionsCollection,
];

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['programmeTerms'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const publisherId = readAccountId(this, 'publisherId', itemIndex);
			// Awin: "Each id may appear only once"; ordered as Awin orders its answer.
			const ids = [...new Set(readIdList(this, 'advertiserIds', 'Advertiser IDs', itemIndex))].sort(
				(a, b) => Number(a) - Number(b),
			);
			if (ids.length === 0)
				throw refuse(
					this.getNode(),
					itemIndex,
					'Advertiser IDs',
					'',
					'must name at least one advertiser ID',
				);
			return {
				key: `${publisherId}:${ids.join(',')}`,
				fetch: async () => {
					const rows: IDataObject[] = [];
					for (const part of chunk(ids, PUBLIC_API.termsPerCall)) {
						const { body } = await client.request({
							method: 'GET',
							path: `${PUBLIC_API.prefix}/v1/publishers/${publisherId}/advertiser-terms`,
							qs: { advertiserId: part.join(',') },
							idempotent: true,
							expect: listOrObjectWithList('data'),
							itemIndex,
							context: `advertisers ${part[0]} to ${part[part.length - 1]}`,
						});
						rows.push(
							...(Array.isArray(body)
								? (body as IDataObject[])
								: rowsOf((body as IDataObject).data)),
						);
					}
					return rows;
				},
			};
		});
	},
};

import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { rowsOf, runReads } from '../../../shared/helpers/reads';
import { readAccountId, readClientSettings } from '../../../shared/params';
import { createAwinClient, listOfObjects } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [accountLocator('advertiserId'), requestOptionsCollection];

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['publisher'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const advertiserId = readAccountId(this, 'advertiserId', itemIndex);
			return {
				key: advertiserId,
				fetch: async () => {
					const { body } = await client.request({
						method: 'GET',
						path: `/advertisers/${advertiserId}/publishers`,
						idempotent: true,
						expect: listOfObjects,
						itemIndex,
					});
					return rowsOf(body);
				},
			};
		});
	},
};

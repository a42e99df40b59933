import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { runReads } from '../../../shared/helpers/reads';
import { PUBLIC_API } from '../../../shared/limits';
import { readAccountId, readClientSettings } from '../../../shared/params';
import { anObject, createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [accountLocator('advertiserId'), requestOptionsCollection];

export const getPrepayments: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['billing'], operation: ['getPrepayments'] } },
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
						path: `${PUBLIC_API.prefix}/v1/advertisers/${advertiserId}/prepayments`,
						idempotent: true,
						expect: anObject,
						itemIndex,
					});
					return [{ advertiserId, ...(body as IDataObject) }];
				},
			};
		});
	},
};

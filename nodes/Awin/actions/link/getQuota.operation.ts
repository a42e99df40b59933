import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { rowsOf, runReads } from '../../../shared/helpers/reads';
import { readAccountId, readClientSettings } from '../../../shared/params';
import { createAwinClient, objectOrList } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [accountLocator('publisherId'), requestOptionsCollection];

export const getQuota: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['link'], operation: ['getQuota'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const publisherId = readAccountId(this, 'publisherId', itemIndex);
			return {
				key: publisherId,
				fetch: async () => {
					// Awin's answer (help.awin.com/apidocs/quota): { publisherId, limit, usage }, short links
					// per 24 hours; passed on as it comes (limit is text in Awin's table).
					const { body } = await client.request({
						method: 'GET',
						path: `/publishers/${publisherId}/linkbuilder/quota`,
						idempotent: true,
						expect: objectOrList,
						itemIndex,
					});
					return rowsOf(body);
				},
			};
		});
	},
};

import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { explainForbidden, runReads } from '../../../shared/helpers/reads';
import { readAccountId, readAwinId, readClientSettings } from '../../../shared/params';
import { createAwinClient, listOrObjectWithList } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	accountLocator('publisherId'),
	{
		displayName: 'Advertiser ID',
		name: 'advertiserId',
		type: 'number',
		required: true,
		default: 0,
		placeholder: 'e.g. 1001',
		description: 'The advertiser whose commission groups to list',
	},
	requestOptionsCollection,
];

interface CommissionGroupsAnswer {
	advertiser?: number;
	publisher?: number;
	commissionGroups?: IDataObject[];
}

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['commissionGroup'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const publisherId = readAccountId(this, 'publisherId', itemIndex);
			const advertiserId = readAwinId(this, 'advertiserId', 'Advertiser ID', itemIndex);
			return {
				key: `${publisherId}/${advertiserId}`,
				fetch: async () => {
					try {
						const { body } = await client.request<CommissionGroupsAnswer | IDataObject[]>({
							method: 'GET',
							path: `/publishers/${publisherId}/commissiongroups`,
							qs: { advertiserId },
							idempotent: true,
							expect: listOrObjectWithList('commissionGroups'),
							itemIndex,
						});
						// Awin wraps the groups with the advertiser and publisher ids; a bare array is read too.
						const groups = Array.isArray(body) ? body : (body.commissionGroups ?? []);
						return groups.map((group) => ({
							advertiserId,
							publisherId: Number(publisherId),
							...group,
						}));
					} catch (error) {
						throw explainForbidden(
							error,
							`Commission groups are only shown for advertisers publisher ${publisherId} has joined.`,
						);
					}
				},
			};
		});
	},
};

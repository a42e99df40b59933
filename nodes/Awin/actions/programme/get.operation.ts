import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { explainForbidden, runReads } from '../../../shared/helpers/reads';
import { readAccountId, readAwinId, readClientSettings } from '../../../shared/params';
import { anObject, createAwinClient } from '../../../shared/transport';
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
		description: 'The advertiser (programme) to read, as listed by Programme > Get Many',
	},
	requestOptionsCollection,
];

export const get: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['programme'], operation: ['get'] } },
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
						// { programmeInfo, kpi, commissionRange }: one item per programme.
						const { body } = await client.request<IDataObject>({
							method: 'GET',
							path: `/publishers/${publisherId}/programmedetails`,
							qs: { advertiserId },
							idempotent: true,
							expect: anObject,
							itemIndex,
						});
						return [body];
					} catch (error) {
						throw explainForbidden(
							error,
							`Programme details are only shown for advertisers publisher ${publisherId} has joined: check advertiser ${advertiserId} under Programme > Get Many with Relationship "Joined".`,
						);
					}
				},
			};
		});
	},
};

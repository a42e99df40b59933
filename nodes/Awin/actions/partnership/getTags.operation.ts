import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { runReads } from '../../../shared/helpers/reads';
import { readClientSettings } from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { advertiserAccount, partnerPublisherField, readRef, refJson } from './fields';
import { readTags } from './tags';
import { partnershipError } from './writes';

/** Awin's page: listing a publisher's tags needs "at least the Restricted Viewer role". */
const READING_TAGS = { doing: 'reading partnership tags', role: 'Restricted Viewer' };

const properties: INodeProperties[] = [
	advertiserAccount,
	partnerPublisherField,
	requestOptionsCollection,
];

export const getTags: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['partnership'], operation: ['getTags'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const ref = readRef(this, itemIndex, 'advertiser');
			return {
				key: `${ref.advertiserId}/${ref.publisherId}`,
				fetch: async () => {
					try {
						return [{ ...refJson(ref), tags: await readTags(client, ref, itemIndex) }];
					} catch (error) {
						throw partnershipError(this, error, READING_TAGS, ref, itemIndex);
					}
				},
			};
		});
	},
};

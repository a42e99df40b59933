import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { runReads } from '../../../shared/helpers/reads';
import { PUBLIC_API } from '../../../shared/limits';
import {
	nodeParameter,
	readAccountId,
	readClientSettings,
	readWebAddress,
	splitList,
	checkIdList,
} from '../../../shared/params';
import { anObject, createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	accountLocator('advertiserId'),
	{
		displayName: 'Destination URL',
		name: 'destinationUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://www.example.com/summer-sale',
		description: 'The page of your site the link sends visitors to (http:// or https://)',
	},
	{
		displayName: 'Publisher ID',
		name: 'linkPublisherId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 45678',
		description:
			'Optional: the Awin ID of a publisher actively joined to your programme, whose link this is',
	},
	{
		displayName: 'Short Link',
		name: 'shorten',
		type: 'boolean',
		default: false,
		description:
			"Whether Awin also makes a short link. Each one uses up part of your account's short link quota, also when a call is repeated.",
	},
	requestOptionsCollection,
];

export const create: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['trackingLink'], operation: ['create'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const advertiserId = readAccountId(this, 'advertiserId', itemIndex);
			const destinationUrl = readWebAddress(this, 'destinationUrl', 'Destination URL', itemIndex);
			const publisherIds = checkIdList(
				this.getNode(),
				itemIndex,
				'Publisher ID',
				splitList(nodeParameter(this, 'linkPublisherId', itemIndex, '')).slice(0, 2),
			);
			const shorten = nodeParameter(this, 'shorten', itemIndex, false) === true;
			const body: IDataObject = {
				destinationUrl,
				...(publisherIds[0] ? { publisherId: Number(publisherIds[0]) } : {}),
				...(shorten ? { shorten } : {}),
			};
			return {
				// Without a short link the same request gives the same link (Awin: "Nothing is stored"),
				// so identical items share one call; each short link is its own.
				key: shorten ? `short:${itemIndex}` : JSON.stringify([advertiserId, body]),
				fetch: async () => {
					const { body: link } = await client.request({
						method: 'POST',
						path: `${PUBLIC_API.prefix}/v1/advertisers/${advertiserId}/tracking-links`,
						body,
						// A retried short link uses up quota again: only a plain link is re-sent.
						idempotent: !shorten,
						expect: anObject,
						itemIndex,
					});
					return [{ advertiserId, destinationUrl, ...(link as IDataObject) }];
				},
			};
		});
	},
};

import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { rowsOf, runReads } from '../../../shared/helpers/reads';
import {
	readAccountId,
	readBoolean,
	readClientSettings,
	readOption,
	readText,
} from '../../../shared/params';
import { createAwinClient, listOfObjects } from '../../../shared/transport';
import type { AwinOperation } from '../types';

/** Awin's relationship values (help.awin.com, get-program-information); "all" means none sent. */
const RELATIONSHIPS = ['all', 'joined', 'pending', 'suspended', 'rejected', 'notjoined'];

const properties: INodeProperties[] = [
	accountLocator('publisherId'),
	{
		displayName: 'Relationship',
		name: 'relationship',
		type: 'options',
		options: [
			{
				name: 'All',
				value: 'all',
				description: 'The whole programme list (Awin: relationship left out)',
			},
			{ name: 'Joined', value: 'joined', description: 'Programmes you are a member of' },
			{ name: 'Not Joined', value: 'notjoined', description: 'Programmes you could apply to' },
			{
				name: 'Pending',
				value: 'pending',
				description: 'Applications the advertiser has not answered yet',
			},
			{ name: 'Rejected', value: 'rejected' },
			{ name: 'Suspended', value: 'suspended' },
		],
		default: 'joined',
		description: 'Which programmes to list, by your relationship with the advertiser',
	},
	{
		displayName: 'Include Hidden',
		name: 'includeHidden',
		type: 'boolean',
		default: false,
		displayOptions: { show: { relationship: ['all'] } },
		description:
			'Whether to list hidden programmes too (Awin: "Only works when no relationship is specified")',
	},
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. GB',
		description:
			'Only programmes whose primary region is this country (ISO 3166 two-letter code); empty for all',
	},
	requestOptionsCollection,
];

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['programme'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const publisherId = readAccountId(this, 'publisherId', itemIndex);
			const relationship = readOption(
				this,
				'relationship',
				'Relationship',
				RELATIONSHIPS,
				itemIndex,
				'joined',
			);
			const includeHidden =
				relationship === 'all' && readBoolean(this, 'includeHidden', 'Include Hidden', itemIndex);
			const countryCode = readText(this, 'countryCode', 'Country Code', itemIndex, {
				upperCase: true,
				pattern: /^[A-Z]{2}$/,
				allowed: 'must be a two-letter country code such as GB',
			});
			const qs = {
				...(relationship === 'all' ? {} : { relationship }),
				...(includeHidden ? { includeHidden: true } : {}),
				...(countryCode ? { countryCode } : {}),
			};
			return {
				key: JSON.stringify([publisherId, qs]),
				fetch: async () => {
					const { body } = await client.request({
						method: 'GET',
						path: `/publishers/${publisherId}/programmes`,
						qs,
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

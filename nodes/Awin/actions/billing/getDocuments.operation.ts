import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	accountLocator,
	requestOptionsCollection,
	returnAllFields,
} from '../../../shared/descriptions';
import { fetchPartnerships } from '../../../shared/helpers/partnerships';
import { runReads } from '../../../shared/helpers/reads';
import { PUBLIC_API } from '../../../shared/limits';
import { readAccountId, readClientSettings, readLimit, readOption } from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const TYPE_NAMES: Record<string, string> = {
	INVOICE: 'Invoice',
	CREDIT_NOTE: 'Credit Note',
	PREPAYMENT_REFUND: 'Prepayment Refund',
	PREPAYMENT_REQUEST: 'Prepayment Request',
	PREPAYMENT_INVOICE: 'Prepayment Invoice',
};

const properties: INodeProperties[] = [
	accountLocator('advertiserId'),
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		options: [
			{ name: 'All', value: '' },
			...PUBLIC_API.billingDocumentTypes
				.map((value) => ({ name: TYPE_NAMES[value], value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		],
		default: '',
		description: 'Only documents of this type (all when All)',
	},
	...returnAllFields,
	requestOptionsCollection,
];

export const getDocuments: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['billing'], operation: ['getDocuments'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const advertiserId = readAccountId(this, 'advertiserId', itemIndex);
			const documentType = readOption(
				this,
				'documentType',
				'Document Type',
				['', ...PUBLIC_API.billingDocumentTypes],
				itemIndex,
				'',
			);
			const limit = readLimit(this, itemIndex);
			const path = `${PUBLIC_API.prefix}/v1/advertisers/${advertiserId}/billing-documents`;
			const qs = documentType ? { documentType } : {};
			return {
				key: JSON.stringify([path, qs, limit ?? 'all']),
				fetch: async () =>
					await fetchPartnerships(client, path, qs, limit, itemIndex, this.getNode(), {
						size: PUBLIC_API.billingDocumentsPerPage,
						what: 'billing documents',
						narrow: 'Choose a Document Type to read fewer at a time.',
					}),
			};
		});
	},
};

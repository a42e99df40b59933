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
import {
	readAccountId,
	readClientSettings,
	readDateTimeRange,
	readLimit,
	readOption,
} from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	accountLocator('advertiserId'),
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Changes at or after this time (UTC when no offset is given)',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Changes up to this time; a date alone means the whole day (UTC when no offset is given)',
	},
	{
		displayName: 'Link Status',
		name: 'linkStatus',
		type: 'options',
		options: [
			{ name: 'All', value: '' },
			{ name: 'Offline', value: 'OFFLINE' },
			{ name: 'Online', value: 'ONLINE' },
		],
		default: '',
		description: 'Only changes to this status (all when All)',
	},
	...returnAllFields,
	requestOptionsCollection,
];

export const getLinkStatusChanges: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['billing'], operation: ['getLinkStatusChanges'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const advertiserId = readAccountId(this, 'advertiserId', itemIndex);
			const { start, end } = readDateTimeRange(this, itemIndex, 'UTC');
			const status = readOption(
				this,
				'linkStatus',
				'Link Status',
				['', ...PUBLIC_API.prepaymentLinkStatuses],
				itemIndex,
				'',
			);
			const limit = readLimit(this, itemIndex);
			const path = `${PUBLIC_API.prefix}/v1/advertisers/${advertiserId}/prepayments/link-status-changes`;
			// Awin's bounds: Gte inclusive, Lt exclusive; the range's end is inclusive.
			const qs = {
				statusChangedAtGte: start.toUTC().toISO(),
				statusChangedAtLt: end.plus({ milliseconds: 1 }).toUTC().toISO(),
				...(status ? { status } : {}),
			};
			return {
				key: JSON.stringify([path, qs, limit ?? 'all']),
				fetch: async () =>
					await fetchPartnerships(client, path, qs, limit, itemIndex, this.getNode(), {
						size: PUBLIC_API.billingDocumentsPerPage,
						what: 'link status changes',
						narrow: 'Choose a shorter date range.',
					}),
			};
		});
	},
};

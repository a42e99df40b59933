import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountFields, requestOptionsCollection } from '../../../shared/descriptions';
import {
	fetchPartnerships,
	MOST_ROWS,
	partnershipsPath,
} from '../../../shared/helpers/partnerships';
import { runReads } from '../../../shared/helpers/reads';
import { PUBLIC_API } from '../../../shared/limits';
import {
	checkNumber,
	nodeParameter,
	readAccount,
	readClientSettings,
	readOption,
	readOptions,
} from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const STATUS_NAMES: Record<string, string> = {
	ACTIVE: 'Active',
	INVITE_PENDING: 'Invitation Pending',
	INVITE_REJECTED: 'Invitation Declined',
	APPLICATION_PENDING: 'Application Pending',
	APPLICATION_REJECTED: 'Application Rejected',
	ADVERTISER_SUSPENDED: 'Advertiser Suspended',
	PUBLISHER_LEFT: 'Publisher Left',
};

const properties: INodeProperties[] = [
	...accountFields(['advertiser', 'publisher']),
	{
		displayName: 'Partnership Statuses',
		name: 'partnershipStatuses',
		type: 'multiOptions',
		options: PUBLIC_API.partnershipStatuses
			.map((value) => ({ name: STATUS_NAMES[value], value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description:
			'Only partnerships in these statuses (all when empty). As an advertiser, Application Pending lists the publishers waiting for your answer; as a publisher, Invitation Pending lists the advertisers that invited you.',
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		options: [
			{ name: 'Newest Status Change First', value: '-partnership.statusUpdatedAt' },
			{ name: 'Oldest Status Change First', value: 'partnership.statusUpdatedAt' },
		],
		default: '-partnership.statusUpdatedAt',
		description: 'Order by when each partnership reached its current status',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { returnAll: [false] } },
		typeOptions: { minValue: 1, maxValue: 11000 },
		default: 50,
		description: 'Max number of results to return',
	},
	requestOptionsCollection,
];

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['partnership'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const account = readAccount(this, itemIndex, ['advertiser', 'publisher']);
			const statuses = readOptions(
				this,
				'partnershipStatuses',
				'Partnership Statuses',
				PUBLIC_API.partnershipStatuses,
				itemIndex,
			);
			const sort = readOption(
				this,
				'sort',
				'Sort',
				PUBLIC_API.sorts,
				itemIndex,
				PUBLIC_API.sorts[0],
			);
			const returnAll = nodeParameter(this, 'returnAll', itemIndex, false) === true;
			const limit = returnAll
				? undefined
				: checkNumber(
						this.getNode(),
						itemIndex,
						'Limit',
						nodeParameter(this, 'limit', itemIndex, 50),
						{ min: 1, max: MOST_ROWS, integer: true },
					);
			const path = partnershipsPath(account);
			const qs: IDataObject = {
				sort,
				...(statuses.length > 0 ? { partnershipStatus: statuses.join(',') } : {}),
			};
			return {
				key: JSON.stringify([path, qs, limit ?? 'all']),
				fetch: async () =>
					await fetchPartnerships(
						client,
						path,
						qs,
						limit ?? (returnAll ? undefined : 50),
						itemIndex,
						this.getNode(),
					),
			};
		});
	},
};

import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { AWIN_DATETIME, dateWindows } from '../../../shared/dates';
import {
	accountLocator,
	dateTimeRangeFields,
	queryDateTypeField,
	requestOptionsCollection,
	returnAllFields,
} from '../../../shared/descriptions';
import { runReads } from '../../../shared/helpers/reads';
import { fetchWindows } from '../../../shared/helpers/transactions';
import {
	checkIdList,
	checkText,
	readAccountId,
	readClientSettings,
	readCollection,
	readDateTimeRange,
	readLimit,
	readOption,
	refuse,
	splitList,
} from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import {
	AWIN_TIMEZONES,
	MAX_PER_CALL,
	MAX_WINDOW_DAYS,
	TRANSACTION_QUERIES,
} from '../../../shared/limits';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	accountLocator('publisherId'),
	...dateTimeRangeFields,
	queryDateTypeField('Which date of a query the range applies to'),
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Advertiser IDs',
				name: 'advertiserIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10001, 10002',
				description: 'Only queries to these advertisers, separated by commas',
			},
			{
				displayName: 'Click Refs',
				name: 'clickRefs',
				type: 'string',
				default: '',
				placeholder: 'e.g. user-123, user-456',
				description: 'Only queries with these click references, separated by commas',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Approved', value: 'approved' },
					{ name: 'Declined', value: 'declined' },
					{ name: 'Pending', value: 'pending' },
				],
				default: [],
				description: 'Only queries with one of these statuses',
			},
		],
	},
	requestOptionsCollection,
];

/** A comma list (or an array from an expression) as trimmed, non-empty parts. */

export const getMany: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transactionQuery'], operation: ['getMany'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const node = this.getNode();

		return await runReads(this, items, (itemIndex) => {
			const publisherId = readAccountId(this, 'publisherId', itemIndex);
			const timezone = readOption(this, 'timezone', 'Timezone', AWIN_TIMEZONES, itemIndex, 'UTC');
			const dateType = readOption(
				this,
				'dateType',
				'Date Type',
				TRANSACTION_QUERIES.dateTypes,
				itemIndex,
				'transactionDate',
			);
			const { start, end } = readDateTimeRange(this, itemIndex, timezone);
			const limit = readLimit(this, itemIndex);
			const filters = readCollection(this, 'filters', 'Filters', itemIndex);

			const qs: IDataObject = { timezone, dateType };
			const statuses = splitList(filters.statuses);
			const unknown = statuses.find(
				(status) => !(TRANSACTION_QUERIES.statuses as readonly string[]).includes(status),
			);
			if (unknown !== undefined) {
				throw refuse(
					node,
					itemIndex,
					'Statuses',
					unknown,
					`must be one of ${TRANSACTION_QUERIES.statuses.join(', ')}`,
				);
			}
			if (statuses.length > 0) qs.statuses = statuses.join(',');
			const advertiserIds = checkIdList(
				this.getNode(),
				itemIndex,
				'Advertiser IDs',
				filters.advertiserIds,
			);
			if (advertiserIds.length > 0)
				qs[TRANSACTION_QUERIES.advertiserParameter] = advertiserIds.join(',');
			const clickRefs = splitList(filters.clickRefs).map((ref) =>
				checkText(node, itemIndex, 'Click Refs', ref),
			);
			if (clickRefs.length > 0)
				qs.clickRefs = checkText(node, itemIndex, 'Click Refs', clickRefs.join(','));

			// Singular "publisher" in this path, as Awin documents it.
			const path = `/publisher/${publisherId}/transactionqueries`;
			const windows = dateWindows(
				start,
				end,
				MAX_WINDOW_DAYS.transactionQueries,
				timezone,
				AWIN_DATETIME,
			);
			const pageSize = MAX_PER_CALL.transactionQueriesPerPage;
			return {
				key: JSON.stringify([path, qs, windows, limit]),
				fetch: async () =>
					await fetchWindows(client, { path, qs, windows, limit, itemIndex, pageSize }),
			};
		});
	},
};

import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { updateDisplayOptions } from 'n8n-workflow';

import { AWIN_DATETIME, dateWindows } from '../../../shared/dates';
import {
	accountLocator,
	dateTimeRangeFields,
	queryDateTypeField,
	requestOptionsCollection,
	returnAllFields,
} from '../../../shared/descriptions';
import { rowsOf, runReads } from '../../../shared/helpers/reads';
import { MAX_WINDOW_DAYS, PUBLIC_API, TRANSACTION_QUERIES } from '../../../shared/limits';
import {
	readAccountId,
	readClientSettings,
	readDateTimeRange,
	readLimit,
	readOption,
} from '../../../shared/params';
import type { ShapeCheck } from '../../../shared/transport';
import { createAwinClient, listOrObjectWithList } from '../../../shared/transport';
import type { AwinOperation } from '../types';

const properties: INodeProperties[] = [
	accountLocator('publisherId'),
	...dateTimeRangeFields,
	queryDateTypeField(
		'Which date of a query the range applies to (UTC unless the dates carry an offset)',
	),
	...returnAllFields,
	requestOptionsCollection,
];

/** A page: the rows in `data`, and `nextPageToken` unless it is the last ("omitted on the last page"). */
const page: ShapeCheck = (body) => {
	const problem = listOrObjectWithList('data')(body);
	if (problem) return problem;
	const token = (body as IDataObject).nextPageToken;
	return token === undefined || token === null || typeof token === 'string'
		? undefined
		: 'nextPageToken is not text';
};

export const getManyV1: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transactionQuery'], operation: ['getManyV1'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const publisherId = readAccountId(this, 'publisherId', itemIndex);
			const dateType = readOption(
				this,
				'dateType',
				'Date Type',
				TRANSACTION_QUERIES.dateTypes,
				itemIndex,
				'transactionDate',
			);
			const { start, end } = readDateTimeRange(this, itemIndex, 'UTC');
			const limit = readLimit(this, itemIndex);
			const path = `${PUBLIC_API.prefix}/v1/publishers/${publisherId}/transaction-queries`;
			// One range of at most 31 days a listing: Gte inclusive, Lt exclusive (a second after the window).
			const ranges = dateWindows(
				start.toUTC(),
				end.toUTC(),
				MAX_WINDOW_DAYS.transactionQueries,
				'UTC',
				AWIN_DATETIME,
			).map((w) => ({
				[`${dateType}Gte`]: DateTime.fromFormat(w.start, AWIN_DATETIME, { zone: 'UTC' }).toISO(),
				[`${dateType}Lt`]: DateTime.fromFormat(w.end, AWIN_DATETIME, { zone: 'UTC' })
					.plus({ seconds: 1 })
					.toISO(),
			}));
			return {
				key: JSON.stringify([path, ranges, limit ?? 'all']),
				fetch: async () => {
					const rows: IDataObject[] = [];
					for (const range of ranges) {
						let pageToken: string | undefined;
						do {
							const { body } = await client.request({
								method: 'GET',
								path,
								// "Send the same filters and sort with every pageToken".
								qs: { ...range, ...(pageToken ? { pageToken } : {}) },
								idempotent: true,
								expect: page,
								itemIndex,
								context: `${Object.values(range).join(' to ')}`,
							});
							rows.push(
								...(Array.isArray(body)
									? (body as IDataObject[])
									: rowsOf((body as IDataObject).data)),
							);
							if (limit !== undefined && rows.length >= limit) return rows.slice(0, limit);
							pageToken = Array.isArray(body)
								? undefined
								: ((body as IDataObject).nextPageToken as string | undefined) || undefined;
						} while (pageToken);
					}
					return rows;
				},
			};
		});
	},
};

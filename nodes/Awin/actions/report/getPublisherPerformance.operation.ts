import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	accountFields,
	databaseRowsField,
	requestOptionsCollection,
	returnAllFields,
} from '../../../shared/descriptions';
import { readOption } from '../../../shared/params';
import type { AwinOperation } from '../types';
import {
	dateRangeFields,
	regionFilter,
	reportDateTypeField,
	reportTimezoneField,
	runReport,
} from './reports';

const properties: INodeProperties[] = [
	...accountFields(['advertiser']),
	...dateRangeFields,
	reportDateTypeField,
	reportTimezoneField,
	...returnAllFields,
	databaseRowsField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [regionFilter('publisher')],
	},
	requestOptionsCollection,
];

/** Advertiser: one row per publisher (clicks, impressions, sales and commission by status). */
export const getPublisherPerformance: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['report'], operation: ['getPublisherPerformance'] } },
		properties,
	),

	async execute(items) {
		return await runReport(this, items, {
			report: 'publisher',
			sides: ['advertiser'],
			databaseTable: 'publisher',
			query: (ctx, itemIndex) => ({
				dateType: readOption(
					ctx,
					'dateType',
					'Date Type',
					['transaction', 'validation'],
					itemIndex,
					'transaction',
				),
			}),
		});
	},
};

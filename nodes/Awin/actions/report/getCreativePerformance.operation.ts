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
	regionField,
	reportDateTypeField,
	reportTimezoneField,
	runReport,
} from './reports';

const properties: INodeProperties[] = [
	...accountFields(['advertiser', 'publisher']),
	...dateRangeFields,
	regionField('creative'),
	// Awin's creative report pages (both sides) list dateType: transaction | validation.
	reportDateTypeField,
	reportTimezoneField,
	...returnAllFields,
	databaseRowsField,
	requestOptionsCollection,
];

/** Both sides: one row per creative (banner, text link...) and partner. */
export const getCreativePerformance: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['report'], operation: ['getCreativePerformance'] } },
		properties,
	),

	async execute(items) {
		return await runReport(this, items, {
			report: 'creative',
			sides: ['advertiser', 'publisher'],
			databaseTable: 'creative',
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

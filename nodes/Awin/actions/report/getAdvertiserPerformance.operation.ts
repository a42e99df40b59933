import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	accountFields,
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
	...accountFields(['publisher']),
	...dateRangeFields,
	regionField('advertiser'),
	reportDateTypeField,
	reportTimezoneField,
	...returnAllFields,
	requestOptionsCollection,
];

/** Publisher: one row per advertiser (programme) in the region. */
export const getAdvertiserPerformance: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['report'], operation: ['getAdvertiserPerformance'] } },
		properties,
	),

	async execute(items) {
		return await runReport(this, items, {
			report: 'advertiser',
			sides: ['publisher'],
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

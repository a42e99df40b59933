import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { accountFields, returnAllFields } from '../../../shared/reads';
import { databaseRowsField } from '../../../shared/databaseRows';
import type { AwinOperation } from '../types';
import { dateRangeFields, regionField, reportTimezoneField, runReport } from './reports';

const properties: INodeProperties[] = [
	...accountFields(['advertiser', 'publisher']),
	...dateRangeFields,
	regionField(),
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
		return await runReport(this, items, { report: 'creative', sides: ['advertiser', 'publisher'], databaseTable: 'creative' });
	},
};

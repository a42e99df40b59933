import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	accountLocator,
	requestOptionsCollection,
	returnAllFields,
} from '../../../shared/descriptions';
import { runReads } from '../../../shared/helpers/reads';
import { readAccountId, readClientSettings, readLimit } from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { listValidationJobs } from './validationJobs';

const properties: INodeProperties[] = [
	accountLocator('advertiserId'),
	...returnAllFields,
	{
		displayName:
			"Awin answers every job of the account in one list (it takes no filters). Read one job's failed or all transactions with Get Validation Job.",
		name: 'jobsNotice',
		type: 'notice',
		default: '',
	},
	requestOptionsCollection,
];

export const getValidationJobs: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transaction'], operation: ['getValidationJobs'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		return await runReads(this, items, (itemIndex) => {
			const advertiserId = readAccountId(this, 'advertiserId', itemIndex);
			const limit = readLimit(this, itemIndex);
			return {
				key: JSON.stringify([advertiserId, limit ?? 'all']),
				fetch: async () => {
					const jobs = await listValidationJobs(client, advertiserId, itemIndex);
					return limit === undefined ? jobs : jobs.slice(0, limit);
				},
			};
		});
	},
};

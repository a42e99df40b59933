import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountLocator, requestOptionsCollection } from '../../../shared/descriptions';
import { ItemOutcomes, toNodeError } from '../../../shared/helpers/outcomes';
import { readAccountId, readClientSettings, readOption, readPathId } from '../../../shared/params';
import { createAwinClient } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { readValidationJob } from './validationJobs';

const JOB_OUTPUTS = ['all', 'errors'] as const;

const properties: INodeProperties[] = [
	accountLocator('advertiserId'),
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '={{ $json.jobId }}',
		required: true,
		description: 'The job ID that Transaction > Validate returned for the batch',
	},
	{
		displayName: 'Transactions to List',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'All Transactions',
				value: 'all',
				description: 'Every transaction of the job (allTransactions)',
			},
			{
				name: 'Failed Transactions',
				value: 'errors',
				description: 'Only those Awin could not process (failedTransactions)',
			},
		],
		default: 'errors',
	},
	requestOptionsCollection,
];

export const getValidationJob: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['transaction'], operation: ['getValidationJob'] } },
		properties,
	),

	async execute(items) {
		const client = await createAwinClient(this, 'bearer', readClientSettings(this));
		const outcomes = new ItemOutcomes(this, items.length);
		// Every item's parameters first: a bad item 2 stops the node before item 0 is asked for.
		const asks = items.map((_, i) => {
			try {
				return {
					advertiserId: readAccountId(this, 'advertiserId', i),
					jobId: readPathId(this, 'jobId', 'Job ID', i),
					output: readOption(this, 'output', 'Transactions to List', JOB_OUTPUTS, i),
				};
			} catch (error) {
				outcomes.fail(i, {}, toNodeError(this, error, i));
				return undefined;
			}
		});
		outcomes.throwIfFailed('Nothing was sent to Awin.');
		for (const [i, ask] of asks.entries()) {
			if (!ask) continue;
			try {
				const job = await readValidationJob(client, ask.advertiserId, ask.jobId, ask.output, i);
				outcomes.succeed(i, { ...job, advertiserId: ask.advertiserId });
			} catch (error) {
				outcomes.fail(i, {}, toNodeError(this, error, i));
			}
		}
		return outcomes.finish();
	},
};

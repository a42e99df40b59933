import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getByIds } from './getByIds.operation';
import { getMany } from './getMany.operation';
import { getValidationJob } from './getValidationJob.operation';
import { getValidationJobs } from './getValidationJobs.operation';
import { reconcileOrders } from './reconcile.operation';
import { validate } from './validate.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['transaction'] } },
	options: [
		{
			name: 'Get by IDs',
			value: 'getByIds',
			description: 'Get transactions by their Awin IDs',
			action: 'Get transactions by ID',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'Get the transactions of an advertiser or publisher account in a date range',
			action: 'Get many transactions',
		},
		{
			name: 'Get Validation Job',
			value: 'getValidationJob',
			description: 'Read the status and failed (or all) transactions of a validation job',
			action: 'Get a validation job',
		},
		{
			name: 'Get Validation Jobs',
			value: 'getValidationJobs',
			description: 'List the validation jobs of an advertiser account with their status and counts',
			action: 'Get many validation jobs',
		},
		{
			name: 'Reconcile',
			value: 'reconcile',
			description:
				'Compare shop orders with Awin transactions (advertisers): matched, missing, to decline, to amend',
			action: 'Reconcile shop orders',
		},
		{
			name: 'Validate',
			value: 'validate',
			description: 'Approve, decline or amend transactions (advertisers), up to 40,000 per call',
			action: 'Validate transactions',
		},
	],
	default: 'getMany',
};

export const transaction: AwinResource = {
	description: [
		operationPicker,
		...getMany.description,
		...getByIds.description,
		...validate.description,
		...getValidationJob.description,
		...getValidationJobs.description,
		...reconcileOrders.description,
	],
	operations: {
		getMany,
		getByIds,
		validate,
		getValidationJob,
		getValidationJobs,
		reconcile: reconcileOrders,
	},
};

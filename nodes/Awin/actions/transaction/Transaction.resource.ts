import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getValidationJob } from './getValidationJob.operation';
import { validate } from './validate.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['transaction'] } },
	options: [
		{
			name: 'Get Validation Job',
			value: 'getValidationJob',
			description: 'Read the status and failed (or all) transactions of a validation job',
			action: 'Get a validation job',
		},
		{
			name: 'Validate',
			value: 'validate',
			description: 'Approve, decline or amend transactions (advertisers), up to 40,000 per call',
			action: 'Validate transactions',
		},
	],
	default: 'validate',
};

export const transaction: AwinResource = {
	description: [operationPicker, ...validate.description, ...getValidationJob.description],
	operations: { validate, getValidationJob },
};

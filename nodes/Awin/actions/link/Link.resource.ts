import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { generate } from './generate.operation';
import { getQuota } from './getQuota.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['link'] } },
	options: [
		{
			name: 'Generate',
			value: 'generate',
			description: 'Build an Awin tracking link for each item, up to 100 per call (publisher)',
			action: 'Generate tracking links',
		},
		{
			name: 'Get Quota',
			value: 'getQuota',
			description: 'Read your Link Builder quota (publisher)',
			action: 'Get the link builder quota',
		},
	],
	default: 'generate',
};

export const link: AwinResource = {
	description: [operationPicker, ...generate.description, ...getQuota.description],
	operations: { generate, getQuota },
};

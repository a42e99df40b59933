import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getMany } from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['publisher'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List the publishers with an active relationship to your programme (advertiser)',
			action: 'Get many publishers',
		},
	],
	default: 'getMany',
};

export const publisher: AwinResource = {
	description: [operationPicker, ...getMany.description],
	operations: { getMany },
};

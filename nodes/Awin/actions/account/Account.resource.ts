import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getMany } from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List the advertiser and publisher accounts your Awin user can see',
			action: 'Get many accounts',
		},
	],
	default: 'getMany',
};

export const account: AwinResource = {
	description: [operationPicker, ...getMany.description],
	operations: { getMany },
};

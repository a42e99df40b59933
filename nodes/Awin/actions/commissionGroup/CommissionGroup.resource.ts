import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getMany } from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['commissionGroup'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List an advertiser's commission groups and what they pay you (publisher)",
			action: 'Get many commission groups',
		},
	],
	default: 'getMany',
};

export const commissionGroup: AwinResource = {
	description: [operationPicker, ...getMany.description],
	operations: { getMany },
};

import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getMany } from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['offer'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List promotions and voucher codes of advertisers (publisher)',
			action: 'Get many offers',
		},
	],
	default: 'getMany',
};

export const offer: AwinResource = {
	description: [operationPicker, ...getMany.description],
	operations: { getMany },
};

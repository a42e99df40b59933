import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getMany } from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['transactionQuery'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'Get the transaction queries (claims for untracked, incorrect or declined sales) your publisher account raised',
			action: 'Get many transaction queries',
		},
	],
	default: 'getMany',
};

export const transactionQuery: AwinResource = {
	description: [operationPicker, ...getMany.description],
	operations: { getMany },
};

import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['programme'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: "Read one programme's details, KPIs and commission range (publisher)",
			action: 'Get a programme',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List programmes by your relationship and country (publisher)',
			action: 'Get many programmes',
		},
	],
	default: 'getMany',
};

export const programme: AwinResource = {
	description: [operationPicker, ...getMany.description, ...get.description],
	operations: { get, getMany },
};

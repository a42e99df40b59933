import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { createOrdersOperation } from './createOrders.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['conversion'] } },
	options: [
		{
			name: 'Create Orders',
			value: 'createOrders',
			description: "Send your shop's orders to Awin server to server (Conversion API)",
			action: 'Create orders',
		},
	],
	default: 'createOrders',
};

export const conversion: AwinResource = {
	description: [operationPicker, ...createOrdersOperation.description],
	operations: { createOrders: createOrdersOperation },
};

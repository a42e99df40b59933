import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { createOrdersOperation } from './createOrders.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['proofOfPurchase'] } },
	options: [
		{
			name: 'Create Orders',
			value: 'createOrders',
			description:
				"Submit pending transactions to an advertiser's programme as a Proof of Purchase publisher",
			action: 'Create proof of purchase orders',
		},
	],
	default: 'createOrders',
};

export const proofOfPurchase: AwinResource = {
	description: [operationPicker, ...createOrdersOperation.description],
	operations: { createOrders: createOrdersOperation },
};

import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getMany } from './getMany.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['programmeTerms'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			description:
				"Publisher: read advertisers' programme terms (commission, paid search, partner types, de-duplication)",
			action: 'Get programme terms of advertisers',
		},
	],
	default: 'getMany',
};

export const programmeTerms: AwinResource = {
	description: [operationPicker, ...getMany.description],
	operations: { getMany },
};

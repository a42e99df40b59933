import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getMany } from './getMany.operation';
import { getManyV1 } from './getManyV1.operation';

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
			description:
				'Get the transaction queries (claims for untracked, incorrect or declined sales) your publisher account raised',
			action: 'Get many transaction queries',
		},
		{
			name: 'Get Many (Public API)',
			value: 'getManyV1',
			description:
				"The same list from Awin's newer API (cursor pages, one range of up to 31 days a listing)",
			action: 'Get many transaction queries from the public API',
		},
	],
	default: 'getMany',
};

export const transactionQuery: AwinResource = {
	description: [operationPicker, ...getMany.description, ...getManyV1.description],
	operations: { getMany, getManyV1 },
};

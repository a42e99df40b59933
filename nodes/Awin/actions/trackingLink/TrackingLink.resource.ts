import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { create } from './create.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['trackingLink'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Advertiser: build a tracking link to a page of your site, optionally with a short link',
			action: 'Create a tracking link',
		},
	],
	default: 'create',
};

export const trackingLink: AwinResource = {
	description: [operationPicker, ...create.description],
	operations: { create },
};

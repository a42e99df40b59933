import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getDocuments } from './getDocuments.operation';
import { getLinkStatusChanges } from './getLinkStatusChanges.operation';
import { getPrepayments } from './getPrepayments.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['billing'] } },
	options: [
		{
			name: 'Get Documents',
			value: 'getDocuments',
			description:
				'Advertiser: list billing documents (invoices, credit notes, prepayment documents), newest first',
			action: 'Get billing documents',
		},
		{
			name: 'Get Prepayment Account',
			value: 'getPrepayments',
			description: 'Advertiser: the current state of the prepayments account and its payment link',
			action: 'Get the prepayment account',
		},
		{
			name: 'Get Prepayment Link Status Changes',
			value: 'getLinkStatusChanges',
			description:
				'Advertiser: when the prepayment link went online or offline, with the balance then',
			action: 'Get prepayment link status changes',
		},
	],
	default: 'getDocuments',
};

export const billing: AwinResource = {
	description: [
		operationPicker,
		...getDocuments.description,
		...getPrepayments.description,
		...getLinkStatusChanges.description,
	],
	operations: { getDocuments, getPrepayments, getLinkStatusChanges },
};

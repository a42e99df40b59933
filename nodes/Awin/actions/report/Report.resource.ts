import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { getAdvertiserPerformance } from './getAdvertiserPerformance.operation';
import { getCampaignPerformance } from './getCampaignPerformance.operation';
import { getCreativePerformance } from './getCreativePerformance.operation';
import { getPublisherPerformance } from './getPublisherPerformance.operation';

const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['report'] } },
	options: [
		{
			name: 'Get Advertiser Performance',
			value: 'getAdvertiserPerformance',
			description: 'Publisher account: figures per advertiser in a region',
			action: 'Get advertiser performance',
		},
		{
			name: 'Get Campaign Performance',
			value: 'getCampaignPerformance',
			description: 'Figures per campaign and partner by day, month or year',
			action: 'Get campaign performance',
		},
		{
			name: 'Get Creative Performance',
			value: 'getCreativePerformance',
			description: 'Figures per creative (banner, text link, feed) in a region',
			action: 'Get creative performance',
		},
		{
			name: 'Get Publisher Performance',
			value: 'getPublisherPerformance',
			description: 'Advertiser account: figures per publisher',
			action: 'Get publisher performance',
		},
	],
	default: 'getPublisherPerformance',
};

export const report: AwinResource = {
	description: [
		operationPicker,
		...getPublisherPerformance.description,
		...getAdvertiserPerformance.description,
		...getCreativePerformance.description,
		...getCampaignPerformance.description,
	],
	operations: {
		getPublisherPerformance,
		getAdvertiserPerformance,
		getCreativePerformance,
		getCampaignPerformance,
	},
};

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourcePicker, resources } from './actions/resources';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';

/** Resources that authenticate with the x-api-key instead of the user token. */
const API_KEY_RESOURCES = ['conversion', 'proofOfPurchase'];

export class Awin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Awin',
		name: 'awin',
		icon: { light: 'file:../../icons/awin.svg', dark: 'file:../../icons/awin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send conversions, validate commissions and read transactions and reports from Awin',
		defaults: { name: 'Awin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'awinApi',
				required: true,
				displayOptions: {
					show: { resource: Object.keys(resources).filter((r) => !API_KEY_RESOURCES.includes(r)) },
				},
			},
			{
				name: 'awinConversionApi',
				required: true,
				displayOptions: { show: { resource: API_KEY_RESOURCES } },
			},
		],
		properties: [resourcePicker, ...Object.values(resources).flatMap(({ resource }) => resource.description)],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

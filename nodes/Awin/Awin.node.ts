import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourcePicker, resources } from './actions/resources';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';

/** Resources that authenticate with the x-api-key instead of the user token. */
const API_KEY_RESOURCES = ['conversion', 'proofOfPurchase'];
const TOKEN_RESOURCES = Object.keys(resources).filter((r) => !API_KEY_RESOURCES.includes(r));

/**
 * Which credential sends the x-api-key. Awin's authentication page gives the x-api-key value as
 * "<your token>", the personal token of the Awin API credential, so new nodes (1.1) use that one and
 * nobody pastes the token twice; nodes saved as version 1 keep the Awin Conversion API credential.
 */
const credentialChoice = (version: number, fallback: string): INodeProperties => ({
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Awin API (Personal Token)',
			value: 'awinApi',
			description: 'The token your other Awin operations use, sent as x-api-key',
		},
		{
			name: 'Awin Conversion API (Separate Key)',
			value: 'awinConversionApi',
			description: 'A key held in its own credential',
		},
	],
	default: fallback,
	// `hide` by resource, not `show`: n8n's editor treats every parameter named in the `show` of the
	// field credentials depend on as part of the credential and drops it from the panel (it hid
	// Resource).
	displayOptions: { show: { '@version': [version] }, hide: { resource: TOKEN_RESOURCES } },
});

/**
 * Marks where n8n's editor puts the credential field: below Authentication. Without it the
 * field goes above the first parameter the credentials depend on.
 */
const credentialField: INodeProperties = {
	displayName: '',
	name: 'credentials',
	type: 'credentials',
	default: '',
};

/**
 * The node's outputs: one, except for operations with named outputs (Transaction > Reconcile).
 * n8n evaluates this expression against the node's parameters, in the editor and the engine.
 */
function outputsExpression(): `={{${string}}}` {
	let outputs = '["main"]';
	for (const [resource, { resource: entry }] of Object.entries(resources)) {
		for (const [operation, handler] of Object.entries(entry.operations)) {
			if (!('outputNames' in handler)) continue;
			const named = handler.outputNames.map((displayName) => ({ type: 'main', displayName }));
			const chosen = `$parameter.resource === ${JSON.stringify(resource)} && $parameter.operation === ${JSON.stringify(operation)}`;
			outputs = `${chosen} ? ${JSON.stringify(named)} : ${outputs}`;
		}
	}
	return `={{${outputs}}}`;
}

export class Awin implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Awin',
		name: 'awin',
		icon: { light: 'file:../../icons/awin.svg', dark: 'file:../../icons/awin.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send conversions, validate commissions and read transactions and reports from Awin',
		defaults: { name: 'Awin' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression(),
		// Both by `hide`, never `show`: a credential shown by `authentication` makes n8n's editor
		// take that parameter for the node's main authentication field, hide it, and offer in
		// every credential field only the credentials of the types shown by it; the Awin API
		// credential, not among them, then showed as its bare ID.
		credentials: [
			{
				name: 'awinApi',
				required: true,
				displayOptions: { hide: { authentication: ['awinConversionApi'] } },
			},
			{
				name: 'awinConversionApi',
				required: true,
				displayOptions: { hide: { authentication: ['awinApi'], resource: TOKEN_RESOURCES } },
			},
		],
		properties: [
			resourcePicker,
			credentialChoice(1, 'awinConversionApi'),
			credentialChoice(1.1, 'awinApi'),
			credentialField,
			...Object.values(resources).flatMap(({ resource }) => resource.description),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

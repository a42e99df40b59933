import type { INode, INodeParameters } from 'n8n-workflow';

import type { AwinSandbox } from '../sandbox/server.ts';
import { SANDBOX_SECRETS } from '../sandbox/server.ts';
import type { TestCredentials } from './credentials.ts';
import type { WorkflowJson } from './engine.ts';

/** An Awin node as n8n saves it, with both credentials attached. */
export function awinNode(parameters: INodeParameters, extra: Partial<INode> = {}): INode {
	return {
		id: 'awin-node',
		name: 'Awin',
		type: 'n8n-nodes-awin.awin',
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: {
			awinApi: { id: '1', name: 'Awin API' },
			awinConversionApi: { id: '2', name: 'Awin Conversion API' },
		},
		...extra,
	};
}

/** Manual Trigger -> the given node, the way a user builds it in the editor. */
export function workflowOf(node: INode): WorkflowJson {
	return {
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			node,
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
	};
}

/** Credentials pointing at the sandbox; override a secret to test rejection. */
export function credentialsFor(
	sandbox: AwinSandbox,
	overrides: { apiToken?: string; apiKey?: string } = {},
): TestCredentials {
	return {
		awinApi: { apiToken: overrides.apiToken ?? SANDBOX_SECRETS.apiToken, baseUrl: sandbox.url },
		awinConversionApi: { apiKey: overrides.apiKey ?? SANDBOX_SECRETS.apiKey, baseUrl: sandbox.url },
	};
}

import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/index.ts';

export const SECRET = 'tok-5f1d9c2b7a6e4830b1c2d3e4f5a6b7c8';

/** An Awin Trigger as n8n saves it, followed by a stand-in node (what a user connects next). */
export function triggerWorkflow(parameters: Record<string, unknown>): WorkflowJson {
	const trigger: INode = {
		id: 'awin-trigger',
		name: 'Awin Trigger',
		type: 'n8n-nodes-awin.awinTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: '6a7c1e0e-1f7e-4c55-9a51-3f0d2b8e9a10',
		parameters: parameters as INodeParameters,
	};
	return {
		nodes: [
			trigger,
			{
				id: 'next',
				name: 'Next',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
		],
		connections: { 'Awin Trigger': { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
	};
}

export const json = (body: unknown) => ({
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body),
});

export const form = (fields: Record<string, string>) => ({
	headers: { 'content-type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams(fields).toString(),
});

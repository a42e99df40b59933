import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/index.ts';

export const TRIGGER = 'Awin Transactions Trigger';
export const DAY_MS = 86_400_000;

export const advertiser = {
	accountType: 'advertiser',
	advertiserId: { __rl: true, mode: 'list', value: '10001' },
};
export const publisher = {
	accountType: 'publisher',
	publisherId: { __rl: true, mode: 'id', value: '20001' },
};

/** The trigger as n8n saves it, followed by a node that receives what it emits. */
export function triggerWorkflow(
	parameters: INodeParameters,
	staticData?: IDataObject,
): WorkflowJson {
	const trigger: INode = {
		id: 'poll',
		name: TRIGGER,
		type: 'n8n-nodes-awin.awinTransactionsTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { awinApi: { id: '1', name: 'Awin API' } },
	};
	const next: INode = {
		id: 'next',
		name: 'Next',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};
	return {
		nodes: [trigger, next],
		connections: { [TRIGGER]: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
		staticData,
	};
}

/** The trigger's memory as n8n stored it. */
export function memoryOf(staticData: IDataObject): {
	scope: string;
	seen: Record<string, string>;
	forgottenUpTo?: number;
} {
	const node = staticData[`node:${TRIGGER}`] as IDataObject | undefined;
	return (node?.transactions ?? { scope: '', seen: {} }) as {
		scope: string;
		seen: Record<string, string>;
		forgottenUpTo?: number;
	};
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nodeParameter } from '../../shared/params';
import { resources } from './resources';

/** Dispatches to the operation the node is set to; the operation handles every input item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = String(nodeParameter(this, 'resource', 0));
	const operation = String(nodeParameter(this, 'operation', 0));
	const handler = resources[resource]?.resource.operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await handler.execute.call(this, this.getInputData())];
}

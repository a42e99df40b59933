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
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	if ('executeOutputs' in handler) {
		const outputs = await handler.executeOutputs.call(this, this.getInputData());
		// An AI agent reads only the first output of a tool: as a tool every item comes out there.
		return this.getNode().type.endsWith('Tool') ? [outputs.flat()] : outputs;
	}
	return [await handler.execute.call(this, this.getInputData())];
}

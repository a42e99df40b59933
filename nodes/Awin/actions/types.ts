import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One operation: its parameters and how it turns the input items into output items. */
export interface AwinOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** An operation with named outputs (Awin.node.ts shows them when it is chosen). */
export interface AwinMultiOutputOperation {
	description: INodeProperties[];
	outputNames: string[];
	executeOutputs(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[][]>;
}

/** One resource: the operation picker and its operations. */
export interface AwinResource {
	description: INodeProperties[];
	operations: Record<string, AwinOperation | AwinMultiOutputOperation>;
}

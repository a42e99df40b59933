import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from './descriptions';

/** What one input item asks for: a key naming the query, and how to run it. */
export interface ItemQuery {
	/** Items whose queries have the same key share one call (the answer is the same). */
	key: string;
	run(): Promise<IDataObject[]>;
}

/**
 * Runs one read per input item and returns one output item per row, each paired to the item
 * that asked. Items asking exactly the same thing share one call, because Awin would answer
 * them the same and every call spends the 20-per-minute quota. A failing item stops the node,
 * or with Continue On Fail becomes one error item paired to it.
 */
export async function readForEachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	queryOf: (itemIndex: number) => ItemQuery,
): Promise<INodeExecutionData[]> {
	const answers = new Map<string, Promise<IDataObject[]>>();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const query = queryOf(itemIndex);
			if (!answers.has(query.key)) answers.set(query.key, query.run());
			const rows = await (answers.get(query.key) as Promise<IDataObject[]>);
			output.push(...rows.map((row) => ({ json: row, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message, ...(nodeError.description ? { errorDetails: nodeError.description } : {}) },
				error: nodeError,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output;
}

/** Awin answers a bare array for most lists; anything else becomes one row. */
export function rowsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body === undefined || body === null || body === '') return [];
	return [body as IDataObject];
}

/** A plain positive whole number from a number field or an expression, else an error naming the field. */
export function readPositiveInteger(ctx: IExecuteFunctions, name: string, itemIndex: number): number {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const value = typeof raw === 'string' ? Number(raw.trim() || NaN) : Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${name} must be an Awin ID (a whole number above 0), got "${String(raw)}"`, {
			itemIndex,
			description: 'Not sent to Awin.',
		});
	}
	return value;
}

/** Adds a hint to a 403 from Awin, which on these reads usually means "not joined to that programme". */
export function explainForbidden(error: unknown, hint: string): unknown {
	if (error instanceof NodeApiError && error.httpCode === '403') {
		error.description = [error.description, hint].filter(Boolean).join(' ');
	}
	return error;
}

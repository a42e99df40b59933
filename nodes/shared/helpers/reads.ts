import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { deepCopy, NodeApiError } from 'n8n-workflow';

import { errorItem, toNodeError } from './outcomes';

/** What one item asks for: `key` names the query, so identical queries are fetched once. */
export interface ReadQuery {
	key: string;
	fetch(): Promise<IDataObject[]>;
	/** Shapes the rows for this item (e.g. simplify), after fetching. */
	present?(rows: IDataObject[]): IDataObject[];
}

/**
 * Runs each item's query and returns one output item per row, paired to its input item. Items
 * asking the very same query (same account, dates, filters) share one fetch: many input items
 * do not multiply calls against Awin's 20-per-minute quota, and each still gets its own copy.
 * A failing item stops the node, or with Continue On Fail becomes an error item.
 */
export async function runReads(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	plan: (itemIndex: number) => ReadQuery,
): Promise<INodeExecutionData[]> {
	// Every item's parameters are checked before the first call: a bad item 2 stops the node
	// before item 0 is sent (or, with Continue On Fail, becomes its error item).
	const plans = items.map((_, itemIndex) => {
		try {
			return plan(itemIndex);
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			return nodeError;
		}
	});
	const fetched = new Map<string, Promise<IDataObject[]>>();
	/** The item each query was fetched for: its error names that item. */
	const fetchedFor = new Map<string, number>();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let sharedWith: number | undefined;
		try {
			const query = plans[itemIndex];
			if (query instanceof Error) throw query;
			const seen = fetched.has(query.key);
			if (!seen) {
				fetched.set(query.key, query.fetch());
				fetchedFor.set(query.key, itemIndex);
			} else sharedWith = fetchedFor.get(query.key);
			const rows = await (fetched.get(query.key) as Promise<IDataObject[]>);
			const own = seen ? deepCopy(rows) : rows;
			const shaped = query.present ? query.present(own) : own;
			output.push(...shaped.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			const failed = errorItem(ctx, itemIndex, nodeError);
			// The failure of a fetch this item shared: told as this item's, not the first asker's.
			const named = `Item ${sharedWith}: `;
			if (sharedWith !== undefined && nodeError.message.startsWith(named))
				failed.json.error = `Item ${itemIndex}: ${nodeError.message.slice(named.length)}`;
			output.push(failed);
		}
	}
	return output;
}

/** Awin answers a bare array, `{ result: [...] }` (campaign report), or one object (details). */
export function rowsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body === undefined || body === null || body === '') return [];
	const result = (body as IDataObject).result;
	if (Array.isArray(result)) return result as IDataObject[];
	return [body as IDataObject];
}

/** Adds a hint to a 403 from Awin, which on these reads usually means "not joined to that programme". */
export function explainForbidden(error: unknown, hint: string): unknown {
	if (error instanceof NodeApiError && error.httpCode === '403') {
		error.description = [error.description, hint].filter(Boolean).join(' ');
	}
	return error;
}

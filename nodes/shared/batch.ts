import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** One element of a batch call and the input item it came from. */
export interface Entry<T> {
	itemIndex: number;
	payload: T;
}

/** Splits entries into calls of at most `size`, keeping each element's input item. */
export function chunk<T>(entries: T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	const chunks: T[][] = [];
	for (let start = 0; start < entries.length; start += size) {
		chunks.push(entries.slice(start, start + size));
	}
	return chunks;
}

type ItemError = NodeApiError | NodeOperationError;

/**
 * Collects exactly one outcome per input item, in input order, each with its pairedItem. Items
 * with an error carry it as `error` so n8n's error output and Continue On Fail route them.
 */
export class ItemOutcomes {
	private readonly outcomes: Array<INodeExecutionData | undefined>;

	constructor(
		private readonly ctx: IExecuteFunctions,
		itemCount: number,
	) {
		this.outcomes = new Array(itemCount).fill(undefined);
	}

	has(itemIndex: number): boolean {
		return this.outcomes[itemIndex] !== undefined;
	}

	succeed(itemIndex: number, json: IDataObject): void {
		this.set(itemIndex, { json, pairedItem: { item: itemIndex } });
	}

	fail(itemIndex: number, json: IDataObject, error: ItemError): void {
		this.set(itemIndex, {
			json: { ...json, error: error.message, ...(error.description ? { errorDetails: error.description } : {}) },
			error,
			pairedItem: { item: itemIndex },
		});
	}

	get failures(): Array<{ itemIndex: number; item: INodeExecutionData }> {
		return this.outcomes
			.map((item, itemIndex) => ({ itemIndex, item: item as INodeExecutionData }))
			.filter(({ item }) => item?.error !== undefined);
	}

	/**
	 * The output items. When an item failed and Continue On Fail (or the error output) is off, throws
	 * one error naming the failed items and, from `submitted`, what Awin had already received.
	 */
	finish(submitted = ''): INodeExecutionData[] {
		const items = this.items();
		const failures = this.failures;
		if (failures.length === 0 || this.ctx.continueOnFail()) return items;
		const first = failures[0];
		const firstError = first.item.error as ItemError;
		const others = failures.slice(1).map((f) => f.itemIndex);
		const description = [
			firstError.description,
			others.length > 0
				? `${failures.length} of ${items.length} items failed: items ${failures.map((f) => f.itemIndex).join(', ')}.`
				: '',
			submitted,
			'Turn on Settings > On Error > Continue to get one output item per input item instead.',
		]
			.filter(Boolean)
			.join(' ');
		// The first failure's own error (NodeApiError keeps its HTTP code), told about the others.
		firstError.description = description;
		throw firstError;
	}

	/** The output items; throws if any input item was left without an outcome. */
	items(): INodeExecutionData[] {
		const missing = this.outcomes.findIndex((o) => o === undefined);
		if (missing !== -1) {
			throw new NodeOperationError(this.ctx.getNode(), `Internal error: item ${missing} got no outcome`, {
				itemIndex: missing,
			});
		}
		// n8n replaces the json of an item that carries `error` by { error: message } (n8n-core's
		// normalizeNodeErrors). Only the error output needs `error` to route the item; with "Continue"
		// (regular output) the item keeps its fields and says what went wrong in json.error.
		const outcomes = this.outcomes as INodeExecutionData[];
		if (this.ctx.getNode().onError === 'continueErrorOutput') return outcomes;
		return outcomes.map(({ error: _error, ...item }) => item);
	}

	private set(itemIndex: number, item: INodeExecutionData): void {
		if (this.outcomes[itemIndex] !== undefined) {
			throw new NodeOperationError(this.ctx.getNode(), `Internal error: item ${itemIndex} got two outcomes`, {
				itemIndex,
			});
		}
		this.outcomes[itemIndex] = item;
	}
}

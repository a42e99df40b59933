import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The warnings of an entry that has none: one shared, never changed list, not one per item. */
export const NO_WARNINGS: readonly string[] = [];

type ItemError = NodeApiError | NodeOperationError;

/**
 * The output item for an item that failed under Continue On Fail. It keeps its fields (status,
 * Awin's codes...) next to `error`, `errorDetails` and `httpCode`. n8n would replace the json of an
 * item carrying `item.error` with `{ error }`, so the error is not attached that way. For
 * "Continue (using error output)" the item has the shape n8n routes to the error output:
 * `{ error, details }`, the fields under `details`.
 */
export function errorItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	error: ItemError,
	json: IDataObject = {},
): INodeExecutionData {
	const details: IDataObject = {
		...json,
		...(error.description ? { errorDetails: error.description } : {}),
		...('httpCode' in error && error.httpCode ? { httpCode: error.httpCode } : {}),
	};
	return {
		json:
			ctx.getNode().onError === 'continueErrorOutput'
				? { error: error.message, details }
				: { ...details, error: error.message },
		pairedItem: { item: itemIndex },
	};
}

/** Collects exactly one outcome per input item, in input order, each with its pairedItem. */
export class ItemOutcomes {
	private readonly outcomes: Array<INodeExecutionData | undefined>;

	private readonly errors = new Map<number, ItemError>();

	/** How many items have their outcome: items() looks for a missing one only when some are. */
	private count = 0;

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
		this.set(itemIndex, errorItem(this.ctx, itemIndex, error, json));
		this.errors.set(itemIndex, error);
	}

	/** The failed items in input order, with their errors. */
	get failures(): Array<{ itemIndex: number; error: ItemError }> {
		return [...this.errors.entries()]
			.sort(([a], [b]) => a - b)
			.map(([itemIndex, error]) => ({ itemIndex, error }));
	}

	/**
	 * When an item failed and Continue On Fail (or the error output) is off, throws one error naming
	 * the failed items and, from `summary`, what Awin had already received. Usable before every item
	 * has an outcome, e.g. to stop before sending anything when an item is invalid.
	 */
	throwIfFailed(summary: string | (() => string) = ''): void {
		if (this.errors.size === 0 || this.ctx.continueOnFail()) return;
		const failures = this.failures;
		const firstError = failures[0].error;
		const listed =
			failures
				.slice(0, 20)
				.map((f) => f.itemIndex)
				.join(', ') + (failures.length > 20 ? ', …' : '');
		firstError.description = [
			firstError.description,
			`${failures.length} of ${this.outcomes.length} items failed (${failures.length === 1 ? 'item' : 'items'} ${listed}).`,
			typeof summary === 'function' ? summary() : summary,
			'Turn on Settings > On Error > Continue to get one output item per input item instead.',
		]
			.filter(Boolean)
			.join(' ');
		// The first failure's own error (a NodeApiError keeps its HTTP code), told about the others.
		throw firstError;
	}

	/** The output items, after throwIfFailed(summary); a function summary is built only when needed. */
	finish(summary: string | (() => string) = ''): INodeExecutionData[] {
		this.throwIfFailed(summary);
		return this.items();
	}

	/** The output items; throws if any input item was left without an outcome. */
	items(): INodeExecutionData[] {
		const missing =
			this.count === this.outcomes.length ? -1 : this.outcomes.findIndex((o) => o === undefined);
		if (missing !== -1) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`Internal error: item ${missing} got no outcome`,
				{
					itemIndex: missing,
				},
			);
		}
		return this.outcomes as INodeExecutionData[];
	}

	private set(itemIndex: number, item: INodeExecutionData): void {
		if (this.outcomes[itemIndex] !== undefined) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`Internal error: item ${itemIndex} got two outcomes`,
				{
					itemIndex,
				},
			);
		}
		this.outcomes[itemIndex] = item;
		this.count++;
	}
}

/** Errors of our own pass through; anything else becomes a NodeOperationError on the item. */
export function toNodeError(
	ctx: IExecuteFunctions | IPollFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

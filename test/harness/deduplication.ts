/**
 * n8n's de-duplication store (this.helpers.checkProcessedAndRecord / removeProcessed) for the engine
 * tests. n8n keeps it in its database (n8n's DeduplicationHelper, packages/cli); n8n-core only holds
 * the service, which the host initialises. This one keeps the same records in memory with the same
 * rules for mode "entries": one list per workflow and context ("n:<node id>" for scope "node"),
 * processed = already in the list before this call, newest last, trimmed to maxEntries. The
 * real-n8n queue-mode test (test/queue) runs against n8n's own, in PostgreSQL.
 */
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';
import { DataDeduplicationService } from 'n8n-core';

const lists = new Map<string, string[]>();

function listKey(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
	if (!context.workflow.id)
		throw new Error('n8n needs a saved workflow (an id) for de-duplication');
	if (scope === 'node' && !context.node)
		throw new Error("No node information has been provided and so cannot use scope 'node'");
	return `${context.workflow.id}\n${scope === 'node' ? `n:${context.node?.id}` : ''}`;
}

function entriesOnly(options: ICheckProcessedOptions): void {
	if (options.mode !== 'entries')
		throw new Error(`The test store keeps mode "entries" only, not "${options.mode}"`);
}

const memoryStore: IDataDeduplicator = {
	async checkProcessedAndRecord(items, scope, context, options): Promise<IDeduplicationOutput> {
		entriesOnly(options);
		const key = listKey(scope, context);
		const list = lists.get(key) ?? [];
		const before = new Set(list);
		const result: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			if (before.has(String(item))) result.processed.push(item);
			else {
				result.new.push(item);
				list.push(String(item));
			}
		}
		if (options.maxEntries) list.splice(0, Math.max(0, list.length - options.maxEntries));
		lists.set(key, list);
		return result;
	},
	async removeProcessed(items: DeduplicationItemTypes[], scope, context, options) {
		entriesOnly(options);
		const list = lists.get(listKey(scope, context));
		if (!list) return;
		for (const item of items) {
			const index = list.indexOf(String(item));
			if (index !== -1) list.splice(index, 1);
		}
	},
	async clearAllProcessedItems(scope, context) {
		lists.delete(listKey(scope, context));
	},
	async getProcessedDataCount(scope, context) {
		return lists.get(listKey(scope, context))?.length ?? 0;
	},
};

// Once per module registry (jest gives each test file its own n8n-core); init() sets the instance
// at once and rejects when one is already set.
void DataDeduplicationService.init(memoryStore).catch(() => undefined);

/** Every record the test store holds, by list, for assertions. */
export function deduplicationRecords(): Map<string, string[]> {
	return lists;
}

/** Forgets every record (between tests). */
export function clearDeduplicationStore(): void {
	lists.clear();
}

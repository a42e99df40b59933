import type { IDataObject } from 'n8n-workflow';

/** Why a transaction is emitted. */
type Change = 'new' | 'statusChanged' | 'amended';

/**
 * What the trigger remembers between polls, in the workflow's static data. Entries are short
 * strings ("approved|45.1/3.61|1732000000000": status, amounts, date in epoch ms) so that n8n's
 * change-tracking proxies stay cheap and the workflow row stays small.
 */
export interface Memory {
	/** The account and date type the memory belongs to; another one starts afresh. */
	scope: string;
	/** Transaction id -> "status|amounts|dateMs". */
	seen: Record<string, string>;
	/**
	 * Set when the cap dropped transactions: those dated at or before it (epoch ms) that are not
	 * remembered were seen before, so they are not new.
	 */
	forgottenUpTo?: number;
}

/** A transaction as read in this poll. */
export interface Observed {
	id: string;
	status: string;
	/** Sale and commission amounts (and Awin's amended flag): a change means an amendment. */
	amounts: string;
	/** The date the look-back window filters on (transaction or validation date), epoch ms. */
	at: number;
	row: IDataObject;
}

export interface Emitted {
	transaction: Observed;
	change: Change;
	previousStatus: string | null;
}

export interface Diff {
	/** New and changed transactions, oldest first. */
	changes: Emitted[];
	memory: Memory;
	/** True when nothing was remembered for this scope (first poll, or account / date type changed). */
	firstPoll: boolean;
	/** Whether the memory differs from the one stored (n8n then saves the workflow's static data). */
	memoryChanged: boolean;
}

interface Entry {
	status: string;
	amounts: string;
	at: number;
}

const encode = (e: Entry) => `${e.status}|${e.amounts}|${e.at}`;

function decode(text: unknown): Entry | undefined {
	const [status, amounts, at] = String(text).split('|');
	const ms = Number(at);
	return status && amounts !== undefined && Number.isFinite(ms)
		? { status, amounts, at: ms }
		: undefined;
}

/** The amendment marker of a transaction in Awin's shape. */
export function amountsOf(row: IDataObject): string {
	const amount = (value: unknown) =>
		String((value as IDataObject | null | undefined)?.amount ?? '');
	return `${amount(row.saleAmount)}/${amount(row.commissionAmount)}${row.amended === true ? '/amended' : ''}`;
}

/** The stored memory when it belongs to `scope` and looks like ours; anything else counts as none. */
export function readMemory(stored: unknown, scope: string): Memory | undefined {
	const memory = stored as Memory | undefined;
	if (!memory || typeof memory !== 'object' || memory.scope !== scope) return undefined;
	if (!memory.seen || typeof memory.seen !== 'object') return undefined;
	return memory;
}

/**
 * Compares this poll's transactions with the memory. Emits a transaction the memory does not hold
 * (`new`), one whose status differs (`statusChanged`), or whose amounts differ (`amended`), and
 * returns the memory to store: every transaction of the window, minus those dated before
 * `windowStart` (they cannot come back), at most `maxRemembered` (the newest kept).
 */
export function diffTransactions(
	previous: Memory | undefined,
	scope: string,
	observed: Observed[],
	bounds: { windowStart: number; maxRemembered: number },
): Diff {
	const seen = new Map<string, Entry>();
	for (const [id, text] of Object.entries(previous?.seen ?? {})) {
		const entry = decode(text);
		if (entry) seen.set(id, entry);
	}
	let forgottenUpTo = previous?.forgottenUpTo;
	let memoryChanged = previous === undefined;

	const changes: Emitted[] = [];
	for (const transaction of observed) {
		const before = seen.get(transaction.id);
		const now: Entry = {
			status: transaction.status,
			amounts: transaction.amounts,
			at: transaction.at,
		};
		if (!before) {
			// Beyond the capped memory: seen long ago, not new.
			if (forgottenUpTo !== undefined && transaction.at <= forgottenUpTo) continue;
			changes.push({ transaction, change: 'new', previousStatus: null });
		} else if (before.status !== now.status) {
			changes.push({ transaction, change: 'statusChanged', previousStatus: before.status });
		} else if (before.amounts !== now.amounts) {
			changes.push({ transaction, change: 'amended', previousStatus: before.status });
		} else if (before.at === now.at) {
			continue;
		}
		seen.set(transaction.id, now);
		memoryChanged = true;
	}

	for (const [id, entry] of seen) {
		if (entry.at < bounds.windowStart) {
			seen.delete(id);
			memoryChanged = true;
		}
	}
	if (seen.size > bounds.maxRemembered) {
		const newestFirst = [...seen].sort(([idA, a], [idB, b]) => b.at - a.at || compareIds(idB, idA));
		for (const [id, entry] of newestFirst.slice(bounds.maxRemembered)) {
			seen.delete(id);
			forgottenUpTo = Math.max(forgottenUpTo ?? -Infinity, entry.at);
		}
		memoryChanged = true;
	}
	if (forgottenUpTo !== undefined && forgottenUpTo < bounds.windowStart) {
		forgottenUpTo = undefined;
		memoryChanged = true;
	}

	changes.sort(
		(a, b) => a.transaction.at - b.transaction.at || compareIds(a.transaction.id, b.transaction.id),
	);
	const memory: Memory = {
		scope,
		seen: Object.fromEntries([...seen].map(([id, e]) => [id, encode(e)])),
	};
	if (forgottenUpTo !== undefined) memory.forgottenUpTo = forgottenUpTo;
	return { changes, memory, firstPoll: previous === undefined, memoryChanged };
}

/** Awin ids are numbers; compare them as such when they are. */
function compareIds(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

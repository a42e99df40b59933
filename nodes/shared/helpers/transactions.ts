import type { IDataObject } from 'n8n-workflow';

import type { DateWindow } from '../dates';
import type { AwinClient } from '../transport';
import { listOfObjects } from '../transport';
import { simplifyTransaction } from './simplifyTransaction';

/** Flat rows when Simplify is on, Awin's own objects otherwise. */
export function presentTransactions(simplify: boolean) {
	return (rows: IDataObject[]) => (simplify ? rows.map(simplifyTransaction) : rows);
}

/**
 * GET `path` once per window, in date order, each row once: a transaction Awin returns in two
 * windows (it should not, the windows neither overlap nor leave gaps) is kept the first time.
 * Stops asking for further windows once `limit` rows are in.
 */
export async function fetchTransactionWindows(
	client: AwinClient,
	path: string,
	qs: IDataObject,
	windows: DateWindow[],
	limit: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await fetchWindows(client, { path, qs, windows, limit, itemIndex });
}

export interface WindowedRead {
	path: string;
	qs: IDataObject;
	windows: DateWindow[];
	/** Rows wanted at most; undefined for all. */
	limit: number | undefined;
	itemIndex: number;
	/** When the endpoint pages (`pageNumber` from 1, `pageSize`): rows per page asked for. */
	pageSize?: number;
}

/**
 * GET `read.path` once per window (and, when it pages, page by page until a page shorter than
 * `pageSize`), in date order, each row once (by `id`). Stops asking once `limit` rows are in.
 * Every answer must be a JSON list of objects, else the call fails naming the window and page.
 */
export async function fetchWindows(client: AwinClient, read: WindowedRead): Promise<IDataObject[]> {
	const { limit, pageSize } = read;
	// A paged read must know at once whether a page brought new rows; others are checked at the end.
	const seen = pageSize ? new Set<unknown>() : undefined;
	let rows: IDataObject[] = [];
	for (const window of read.windows) {
		for (let page = 1; ; page++) {
			const paging = pageSize ? { pageNumber: page, pageSize } : {};
			const { body } = await client.request<IDataObject[]>({
				method: 'GET',
				path: read.path,
				qs: { ...read.qs, startDate: window.start, endDate: window.end, ...paging },
				idempotent: true,
				itemIndex: read.itemIndex,
				expect: listOfObjects,
				context: `window ${window.start} to ${window.end}${pageSize ? `, page ${page}` : ''}`,
			});
			const before = rows.length;
			for (const row of body) {
				if (!seen || isNew(seen, row)) rows.push(row);
			}
			if (limit !== undefined && rows.length >= limit) {
				if (!seen) rows = eachOnce(rows);
				if (rows.length >= limit) return rows.slice(0, limit);
			}
			if (!pageSize || body.length < pageSize) break;
			// A full page of rows already seen: Awin is not paging; asking on would never end.
			if (rows.length === before) {
				throw new Error(
					`Awin answered GET ${read.path} (window ${window.start} to ${window.end}, page ${page}) with only rows of earlier pages; stopped reading`,
				);
			}
		}
	}
	return seen ? rows : eachOnce(rows);
}

/** Whether a row's id is new to `seen` (then remembered): one lookup, not has() then add(). */
function isNew(seen: Set<unknown>, row: IDataObject): boolean {
	const known = seen.size;
	seen.add(row.id ?? JSON.stringify(row));
	return seen.size !== known;
}

/**
 * The rows, each once by id, first come first kept. Awin's ids are numbers: sorted, a repeated id
 * sits beside its twin, which costs far less than a set of 100,000 ids; the set is made only when
 * an id repeats or is not a number.
 */
function eachOnce(rows: IDataObject[]): IDataObject[] {
	const ids = new Float64Array(rows.length);
	let allNumbers = true;
	for (let i = 0; i < rows.length && allNumbers; i++) {
		const id = rows[i].id;
		if (typeof id === 'number') ids[i] = id;
		else allNumbers = false;
	}
	if (allNumbers) {
		ids.sort();
		let repeated = false;
		for (let i = 1; i < ids.length && !repeated; i++) repeated = ids[i] === ids[i - 1];
		if (!repeated) return rows;
	}
	const seen = new Set<unknown>();
	return rows.filter((row) => isNew(seen, row));
}

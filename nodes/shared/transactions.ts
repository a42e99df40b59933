import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { DateWindow } from './dates';
import { AWIN_TIMEZONES } from './limits';
import { listOfObjects } from './shapes';
import type { AwinClient } from './transport';
import { simplifyTransaction } from './simplifyTransaction';

/** The timezone Awin reads the dates in and shows transaction dates in. */
export const timezoneField: INodeProperties = {
	displayName: 'Timezone',
	name: 'timezone',
	type: 'options',
	options: [...AWIN_TIMEZONES].sort().map((zone) => ({ name: zone, value: zone })),
	default: 'UTC',
	description: 'Timezone of the dates you give and of the dates Awin returns (Awin accepts only these)',
};

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return flat columns for spreadsheets (the same columns on every row: amounts and currencies apart, click refs flattened, lists as JSON text) instead of Awin\'s raw transactions',
};

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
	const seen = new Set<unknown>();
	const rows: IDataObject[] = [];
	for (const window of windows) {
		const { body } = await client.request<IDataObject[]>({
			method: 'GET',
			path,
			qs: { ...qs, startDate: window.start, endDate: window.end },
			idempotent: true,
			itemIndex,
			expect: listOfObjects,
			context: `window ${window.start} to ${window.end}`,
		});
		for (const row of body) {
			const id = row.id ?? JSON.stringify(row);
			if (seen.has(id)) continue;
			seen.add(id);
			rows.push(row);
		}
		if (limit !== undefined && rows.length >= limit) break;
	}
	return limit === undefined ? rows : rows.slice(0, limit);
}

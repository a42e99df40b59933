import type { DateTime as LuxonDateTime } from 'luxon';
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { deepCopy, NodeApiError } from 'n8n-workflow';

import type { ParameterContext } from './descriptions';
import { accountLocator, nodeParameter, readAccountId, toNodeError } from './descriptions';
import { errorItem } from './batch';
import { parseLocal } from './dates';
import { refuse } from './params';

/** Which side of Awin an account is on; the path starts with `/advertisers/` or `/publishers/`. */
export type AccountSide = 'advertiser' | 'publisher';

/**
 * The account fields of a read that exists on both sides: Account Type, then the advertiser or
 * publisher picker. A read of one side only gets just that side's picker.
 */
export function accountFields(sides: AccountSide[]): INodeProperties[] {
	if (sides.length === 1) return [accountLocator(sides[0] === 'advertiser' ? 'advertiserId' : 'publisherId')];
	return [
		{
			displayName: 'Account Type',
			name: 'accountType',
			type: 'options',
			options: [
				{ name: 'Advertiser', value: 'advertiser', description: 'Read as the advertiser (merchant)' },
				{ name: 'Publisher', value: 'publisher', description: 'Read as the publisher (affiliate)' },
			],
			default: 'advertiser',
			description: 'Whether the account you read is an advertiser or a publisher account',
		},
		accountLocator('advertiserId', { displayOptions: { show: { accountType: ['advertiser'] } } }),
		accountLocator('publisherId', { displayOptions: { show: { accountType: ['publisher'] } } }),
	];
}

export interface Account {
	side: AccountSide;
	id: string;
	/** `/advertisers/{id}` or `/publishers/{id}`. */
	path: string;
}

/** The account an item reads, from the fields of accountFields(). */
export function readAccount(ctx: ParameterContext, itemIndex: number, sides: AccountSide[]): Account {
	const side = sides.length === 1 ? sides[0] : (nodeParameter(ctx, 'accountType', itemIndex) as AccountSide);
	if (!sides.includes(side)) throw refuse(ctx.getNode(), itemIndex, 'Account Type', side, `must be one of ${sides.join(', ')}`);
	const id = readAccountId(ctx, side === 'advertiser' ? 'advertiserId' : 'publisherId', itemIndex);
	return { side, id, path: `/${side}s/${id}` };
}

/** n8n's usual pair: Return All, else Limit. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
];

/** The item's limit, or undefined for Return All. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const raw = ctx.getNodeParameter('limit', itemIndex, 50);
	const limit = Number(raw);
	if (!Number.isSafeInteger(limit) || limit < 1) throw refuse(ctx.getNode(), itemIndex, 'Limit', raw, 'must be a whole number of at least 1');
	return limit;
}

/** One option from a fixed list, checked (an expression can give anything). */
export function readChoice<T extends string>(
	ctx: ParameterContext,
	name: string,
	label: string,
	allowed: readonly T[],
	itemIndex: number,
	fallback?: T,
): T {
	const value = String(nodeParameter(ctx, name, itemIndex, fallback ?? '') ?? '').trim() as T;
	if (!allowed.includes(value)) throw refuse(ctx.getNode(), itemIndex, label, value, `must be one of ${allowed.join(', ')}`);
	return value;
}

/** A comma-separated (or array) list of Awin ids, checked to be numbers (at most 20 digits); [] when empty. */
export function idList(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string[] {
	const parts = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((part) => String(part).trim())
		.filter(Boolean);
	const bad = parts.find((part) => !/^\d{1,20}$/.test(part));
	if (bad !== undefined) throw refuse(ctx.getNode(), itemIndex, label, bad, 'must be Awin IDs (numbers) separated by commas');
	return parts;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function asText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (DateTime.isDateTime(value)) return (value as LuxonDateTime).toISO() ?? '';
	return String(value ?? '').trim();
}

/**
 * A date-time range in `timezone`. Values without an offset are local times there; a plain date
 * (yyyy-MM-dd) as End Date means the whole day, so "2024-12-31" includes that day's sales.
 * Checked before anything is sent: both valid, end not before start.
 */
export function readDateTimeRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
	timezone: string,
): { start: LuxonDateTime; end: LuxonDateTime } {
	const read = (name: 'startDate' | 'endDate', label: string) => {
		const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
		const text = asText(raw);
		let value = DateTime.isDateTime(raw) ? parseLocal(raw as LuxonDateTime, timezone) : parseLocal(text, timezone);
		if (name === 'endDate' && DATE_ONLY.test(text)) value = value.endOf('day');
		if (!text || !value.isValid) {
			throw refuse(ctx.getNode(), itemIndex, label, text, 'must be a date such as 2024-01-31 or 2024-01-31T23:59:59 (or {{ $today.minus({ days: 1 }) }})');
		}
		return value;
	};
	const start = read('startDate', 'Start Date');
	const end = read('endDate', 'End Date');
	if (end < start) {
		throw refuse(ctx.getNode(), itemIndex, 'End Date', end.toISO(), `must not be before the Start Date ${start.toISO()} (${timezone})`);
	}
	return { start, end };
}

/**
 * A date range as the calendar dates written (yyyy-MM-dd), whatever timezone an expression's
 * value carries: "yesterday" from {{ $today.minus({ days: 1 }) }} stays yesterday.
 */
export function readDateRange(ctx: IExecuteFunctions, itemIndex: number): { startDate: string; endDate: string } {
	const read = (name: 'startDate' | 'endDate', label: string) => {
		const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
		const text = DateTime.isDateTime(raw) ? ((raw as LuxonDateTime).toISODate() ?? '') : asText(raw);
		const day = text.slice(0, 10);
		if (!DATE_ONLY.test(day) || !DateTime.fromISO(day).isValid) {
			throw refuse(ctx.getNode(), itemIndex, label, text, 'must be a date such as 2024-01-31 (or {{ $today.minus({ days: 1 }) }})');
		}
		return day;
	};
	const startDate = read('startDate', 'Start Date');
	const endDate = read('endDate', 'End Date');
	if (endDate < startDate) {
		throw refuse(ctx.getNode(), itemIndex, 'End Date', endDate, `must not be before the Start Date ${startDate}`);
	}
	return { startDate, endDate };
}

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
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const query = plans[itemIndex];
			if (query instanceof Error) throw query;
			const seen = fetched.has(query.key);
			if (!seen) fetched.set(query.key, query.fetch());
			const rows = await (fetched.get(query.key) as Promise<IDataObject[]>);
			const own = seen ? deepCopy(rows) : rows;
			const shaped = query.present ? query.present(own) : own;
			output.push(...shaped.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const nodeError = toNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			output.push(errorItem(ctx, itemIndex, nodeError));
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

/** A plain positive whole number from a number field or an expression, else an error naming the field. */
export function readPositiveInteger(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): number {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const value = Number(raw);
	if (!Number.isSafeInteger(value) || value < 1) throw refuse(ctx.getNode(), itemIndex, label, raw, 'must be an Awin ID (a whole number above 0)');
	return value;
}

/** Adds a hint to a 403 from Awin, which on these reads usually means "not joined to that programme". */
export function explainForbidden(error: unknown, hint: string): unknown {
	if (error instanceof NodeApiError && error.httpCode === '403') {
		error.description = [error.description, hint].filter(Boolean).join(' ');
	}
	return error;
}

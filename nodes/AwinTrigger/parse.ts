/**
 * What Awin pushes, read strictly and kindly, once request.ts has let it in. Pure functions, no
 * n8n imports: the trigger node calls them with the request n8n already parsed, and the tests fuzz
 * them.
 *
 * Decisions where Awin's documentation is silent live here as constants (see the README):
 * - which fields stay text although they look numeric (ids, click refs, codes),
 * - how many ids the duplicate filter remembers (the body size cap is in request.ts).
 * zod is not used: every field needs its own kind coercion (macros, numbers, JSON in strings),
 * which a schema would only restate, and a runtime `zod` import is one more module n8n must resolve.
 */

import type { IncomingRequest, JsonObject, Parsed } from './request';
import { assign, isRecord, postedDocument, queryFields, reject } from './request';

/** How many transaction ids / batch ids the duplicate filter remembers per trigger. */
export const DEDUP_MEMORY = 1000;

/** Fields that hold a number even when Awin sends them as text ("12.50"). */
const AMOUNT_FIELDS = new Set([
	'transactionAmount',
	'commission',
	'unitPrice',
	'quantity',
	'amount',
]);
/** Fields that hold JSON text in a GET notification (and maybe in a POST one). */
const JSON_LIST_FIELDS = new Set(['commissionGroups', 'products']);
/**
 * Fields that stay text although they may look numeric: ids and click refs are keys to match
 * on (a member id "000123" must not become 123), currencies, codes and URLs are names.
 */
const TEXT_FIELDS = new Set([
	'id',
	'url',
	'transactionCurrency',
	'currency',
	'transactionDate',
	'name',
	'description',
]);
const TEXT_SUFFIX = /(?:Id|ID|Ref\d*|ref\d*|Code|code|Type|Name|Reference)$/;
/** An Awin macro left as it was, e.g. `!!!clickRef2!!!` when the click had no clickRef2. */
const MACRO = /!!![A-Za-z0-9_]*!!!/g;
const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;
const ORDER_LISTS = [
	['successfulOrders', 'successful'],
	['pendingOrders', 'pending'],
	['failedOrders', 'failed'],
] as const;

type OrderStatus = (typeof ORDER_LISTS)[number][1];

export interface TransactionNotification {
	transactionId: string;
	fields: JsonObject;
	warnings: string[];
}

export interface ConversionBatch {
	batchId: string;
	/** The whole notification, lists normalised, unknown fields kept. */
	fields: JsonObject;
	orders: Array<{ status: OrderStatus; order: JsonObject }>;
}

/** Removes unreplaced macros and surrounding blanks from text; other values pass unchanged. */
function withoutMacros(value: unknown): unknown {
	return typeof value === 'string' ? value.replace(MACRO, '').trim() : value;
}

function keepsText(key: string): boolean {
	return TEXT_FIELDS.has(key) || TEXT_SUFFIX.test(key) || /^clickRef\d*$/.test(key);
}

/** A numeric text whose number prints back identically, so nothing is lost by converting it. */
function losslessNumber(text: string): number | undefined {
	if (!DECIMAL.test(text)) return undefined;
	const number = Number(text);
	return Number.isFinite(number) && String(number) === text ? number : undefined;
}

/** One field of a transaction notification (or of its products / commission groups). */
function normaliseValue(key: string, raw: unknown): unknown {
	const value = withoutMacros(raw);
	if (typeof value === 'number' && keepsText(key)) return String(value);
	if (typeof value !== 'string' || value === '') return value;
	if (AMOUNT_FIELDS.has(key)) return DECIMAL.test(value) ? Number(value) : value;
	if (keepsText(key)) return value;
	return losslessNumber(value) ?? value;
}

function normaliseFields(source: JsonObject, warnings: string[], path = ''): JsonObject {
	const fields: JsonObject = {};
	for (const [key, raw] of Object.entries(source)) {
		if (JSON_LIST_FIELDS.has(key)) {
			assign(fields, key, normaliseList(raw, warnings, `${path}${key}`));
		} else {
			assign(fields, key, normaliseValue(key, raw));
		}
	}
	return fields;
}

/** commissionGroups / products: JSON text (or a list already) becomes a list of clean objects. */
function normaliseList(raw: unknown, warnings: string[], path: string): unknown {
	let value = withoutMacros(raw);
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			warnings.push(`${path} is not valid JSON; kept as text`);
			return value;
		}
	}
	if (isRecord(value)) value = [value];
	if (!Array.isArray(value)) {
		warnings.push(`${path} is not a list; kept as received`);
		return value;
	}
	return value.map((entry, index) =>
		isRecord(entry) ? normaliseFields(entry, warnings, `${path}[${index}].`) : entry,
	);
}

/** Notification times: text "yyyy-MM-dd HH:mm:ss" (taken as UTC) or unix seconds. */
const NOTIFICATION_TIMES = ['transactionDate', 'clickTime'];
const AWIN_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/**
 * Adds `<field>Iso` (ISO 8601 with offset) beside each time Awin sends as text or unix seconds;
 * the raw value stays as Awin sent it. Not documented by Awin as UTC: reported so.
 */
function withIsoTimes(fields: JsonObject): JsonObject {
	for (const name of NOTIFICATION_TIMES) {
		const value = fields[name];
		let iso: string | undefined;
		const text = typeof value === 'string' ? AWIN_DATE_TIME.exec(value) : null;
		if (text) iso = `${text[1]}T${text[2]}+00:00`;
		else if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 1e11) {
			iso = new Date(value * 1000).toISOString().replace(/\.000Z$/, '+00:00');
		}
		if (iso) fields[`${name}Iso`] = iso;
	}
	return fields;
}

/**
 * A publisher transaction notification: GET with the values in the query (macros replaced by
 * Awin), or POST with a form field AwinTransactionPush holding JSON, a JSON body, or form fields.
 */
export function parseTransactionNotification(
	request: IncomingRequest,
): Parsed<TransactionNotification> {
	const query = queryFields(request.query);
	let source: JsonObject = query;
	if (request.method === 'POST') {
		const posted = postedDocument(request, true);
		if (posted && !posted.ok) return posted;
		if (posted) {
			if (!isRecord(posted.value))
				return reject(400, 'Expected a JSON object with the transaction');
			// Extra query parameters of the callback URL are kept; the body wins on conflicts.
			source = { ...query, ...posted.value };
		}
	}
	const warnings: string[] = [];
	const fields = withIsoTimes(normaliseFields(source, warnings));
	const id = fields.transactionId;
	if (typeof id !== 'string' || id === '') {
		return reject(
			400,
			id === undefined || id === ''
				? 'Missing transactionId'
				: 'transactionId must be text or a number',
		);
	}
	return { ok: true, value: { transactionId: id, fields, warnings } };
}

function orderOf(entry: JsonObject): JsonObject {
	const order: JsonObject = {};
	for (const [key, value] of Object.entries(entry)) {
		assign(
			order,
			key,
			key === 'orderReference' && typeof value === 'number' ? String(value) : value,
		);
	}
	return order;
}

/** The Conversion API's webhook notifier: one JSON POST once every order of a batch is processed. */
export function parseConversionBatch(request: IncomingRequest): Parsed<ConversionBatch> {
	if (request.method !== 'POST')
		return reject(405, 'Awin posts conversion batch results; use POST');
	const posted = postedDocument(request, false);
	if (posted === undefined) return reject(400, 'Empty body');
	if (!posted.ok) return posted;
	if (!isRecord(posted.value)) return reject(400, 'Expected a JSON object with the batch');
	const document = posted.value;

	let { batchId } = document;
	if (typeof batchId === 'number' && Number.isFinite(batchId)) batchId = String(batchId);
	if (typeof batchId !== 'string' || batchId.trim() === '') {
		return reject(
			400,
			batchId === undefined || batchId === '' ? 'Missing batchId' : 'batchId must be text',
		);
	}

	const fields: JsonObject = {};
	for (const [key, value] of Object.entries(document)) assign(fields, key, value);
	fields.batchId = batchId;
	if (typeof fields.timestamp === 'string')
		fields.timestamp = losslessNumber(fields.timestamp.trim()) ?? fields.timestamp;

	const orders: ConversionBatch['orders'] = [];
	for (const [listName, status] of ORDER_LISTS) {
		const list = document[listName];
		if (list === undefined || list === null) {
			fields[listName] = [];
			continue;
		}
		if (!Array.isArray(list)) return reject(400, `${listName} must be a list`);
		const normalised: JsonObject[] = [];
		for (let index = 0; index < list.length; index++) {
			const entry: unknown = list[index];
			if (!isRecord(entry)) return reject(400, `${listName}[${index}] is not an object`);
			const order = orderOf(entry);
			normalised.push(order);
			orders.push({ status, order });
		}
		fields[listName] = normalised;
	}
	return { ok: true, value: { batchId, fields, orders } };
}

/** One item per order: its status, the failure code and message (null when none), the batch. */
export function splitBatch(batch: ConversionBatch): JsonObject[] {
	const listNames = new Set<string>(ORDER_LISTS.map(([name]) => name));
	const batchExtras = Object.entries(batch.fields).filter(
		([key]) => !listNames.has(key) && key !== 'batchId',
	);
	return batch.orders.map(({ status, order }) => {
		const item: JsonObject = {
			batchId: batch.batchId,
			status,
			orderReference: order.orderReference ?? null,
			correlationId: order.correlationId ?? null,
			code: order.code ?? null,
			message: order.message ?? null,
		};
		for (const [key, value] of Object.entries(order)) assign(item, key, value);
		for (const [key, value] of batchExtras) if (!(key in item)) assign(item, key, value);
		return item;
	});
}

/** One item for the whole batch, with the count of orders in each state. */
export function wholeBatch(batch: ConversionBatch): JsonObject {
	const count = (status: OrderStatus) =>
		batch.orders.filter((order) => order.status === status).length;
	return {
		...batch.fields,
		successfulCount: count('successful'),
		pendingCount: count('pending'),
		failedCount: count('failed'),
	};
}

/**
 * Remembers the last DEDUP_MEMORY keys in a plain array (it lives in the workflow's static
 * data, which n8n stores as JSON). Returns true when the key was already there.
 */
export function seenBefore(memory: string[], key: string, limit = DEDUP_MEMORY): boolean {
	if (memory.includes(key)) return true;
	memory.push(key);
	if (memory.length > limit) memory.splice(0, memory.length - limit);
	return false;
}

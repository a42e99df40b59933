/**
 * A push as it arrives, before its content is read: the secret, the size, the nesting, the body's
 * encoding and where its JSON document is (JSON, form field or raw text). Pure functions, no n8n
 * imports: the trigger node calls them with the request n8n already parsed, and the tests fuzz them.
 */
import { createHash, timingSafeEqual } from 'crypto';

/** Largest body accepted. A full batch of 1000 failed orders is about 300 kB. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * Deepest nesting of objects and lists accepted. Awin's notifications nest a few levels; a deeper
 * body would overflow the parsers' stack or be stored as execution data n8n cannot open again.
 */
export const MAX_NESTING = 32;
/** The form field receivers of Awin's POST transaction notifications read. */
const TRANSACTION_PUSH_FIELD = 'AwinTransactionPush';
const TOKEN_QUERY_PARAMETER = 'token';
export const TOKEN_HEADER = 'x-awin-token';

export type JsonObject = Record<string, unknown>;

/** The parts of an HTTP request the trigger reads (n8n's req after its body parsing). */
export interface IncomingRequest {
	method: string;
	headers: Record<string, string | string[] | undefined>;
	query?: unknown;
	/** req.body: an object for JSON and form bodies, a string for text/plain, else undefined/{}. */
	body?: unknown;
	/** req.rawBody: the bytes as received (n8n keeps them). */
	rawBody?: Buffer | string;
}

export interface Rejection {
	status: 400 | 401 | 405 | 413;
	reason: string;
}

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Rejection);

export const reject = (status: Rejection['status'], reason: string): { ok: false } & Rejection => ({
	ok: false,
	status,
	reason,
});

export function isRecord(value: unknown): value is JsonObject {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
}

/** Copies own enumerable fields; `__proto__` from JSON.parse is dropped instead of reshaping the object. */
export function assign(target: JsonObject, key: string, value: unknown): void {
	if (key === '__proto__') return;
	target[key] = value;
}

function headerValue(headers: IncomingRequest['headers'], name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export function sameSecret(expected: string, given: string): boolean {
	return timingSafeEqual(sha256(expected), sha256(given));
}

/**
 * The secret may come as ?token= or in the x-awin-token header. Undefined when the request may
 * pass, else why it may not. A token given twice (?token=a&token=b) never matches.
 */
export function checkToken(secret: string, request: IncomingRequest): Rejection | undefined {
	if (!secret) return undefined;
	const query = isRecord(request.query) ? request.query : {};
	const given: string[] = [];
	if (query[TOKEN_QUERY_PARAMETER] !== undefined) {
		const value = query[TOKEN_QUERY_PARAMETER];
		given.push(typeof value === 'string' ? value : '');
	}
	const header = headerValue(request.headers, TOKEN_HEADER);
	if (header !== undefined) given.push(header);
	if (given.length === 0) return { status: 401, reason: 'Missing token' };
	// Every candidate is compared, so the time does not depend on which one matched.
	const matches = given.map((candidate) => candidate !== '' && sameSecret(secret, candidate));
	return matches.includes(true) ? undefined : { status: 401, reason: 'Invalid token' };
}

/** Query parameters without the token, a repeated parameter reduced to its first value. */
export function queryFields(query: unknown): JsonObject {
	const fields: JsonObject = {};
	if (!isRecord(query)) return fields;
	for (const [key, value] of Object.entries(query)) {
		if (key === TOKEN_QUERY_PARAMETER) continue;
		assign(fields, key, Array.isArray(value) ? value[0] : value);
	}
	return fields;
}

function bodySize(request: IncomingRequest): number {
	if (request.rawBody !== undefined) {
		return typeof request.rawBody === 'string'
			? Buffer.byteLength(request.rawBody)
			: request.rawBody.length;
	}
	if (typeof request.body === 'string') return Buffer.byteLength(request.body);
	return 0;
}

/** Invalid bytes decode to U+FFFD, so only valid UTF-8 survives the round trip unchanged. */
function isUtf8(bytes: Buffer): boolean {
	return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

/** How deep objects and lists nest, measured without recursion; stops counting past MAX_NESTING. */
function nestingDepth(value: unknown): number {
	let deepest = 0;
	const pending: Array<[unknown, number]> = [[value, 0]];
	while (pending.length > 0) {
		const [node, depth] = pending.pop() as [unknown, number];
		if (!node || typeof node !== 'object' || Buffer.isBuffer(node)) continue;
		deepest = Math.max(deepest, depth + 1);
		if (deepest > MAX_NESTING) return deepest;
		for (const child of Object.values(node as object)) pending.push([child, depth + 1]);
	}
	return deepest;
}

/** The bytes of a push, before it is read: undefined when they may be parsed, else why not. */
export function checkBody(request: IncomingRequest): Rejection | undefined {
	if (bodySize(request) > MAX_BODY_BYTES)
		return { status: 413, reason: `Body larger than ${MAX_BODY_BYTES} bytes` };
	if (Buffer.isBuffer(request.rawBody) && !isUtf8(request.rawBody))
		return { status: 400, reason: 'Body is not valid UTF-8' };
	return undefined;
}

const tooDeep = (value: unknown): Parsed<unknown> | undefined =>
	nestingDepth(value) > MAX_NESTING
		? reject(400, `Body nested deeper than ${MAX_NESTING} levels`)
		: undefined;

function parseJson(text: string, what: string): Parsed<unknown> {
	try {
		const value = JSON.parse(text) as unknown;
		return tooDeep(value) ?? { ok: true, value };
	} catch {
		return reject(400, `${what} is not valid JSON`);
	}
}

/** A text body: JSON, or a form body sent without its content type. */
function parseTextBody(text: string): Parsed<unknown> {
	const trimmed = text.trim();
	if (trimmed.startsWith(`${TRANSACTION_PUSH_FIELD}=`)) {
		const field = new URLSearchParams(trimmed).get(TRANSACTION_PUSH_FIELD) ?? '';
		return parseJson(field, TRANSACTION_PUSH_FIELD);
	}
	return parseJson(trimmed, 'The body');
}

/**
 * The JSON document a POST carries: the body n8n parsed (JSON or form), the AwinTransactionPush
 * form field, or the raw text when the content type was missing or text/plain. Undefined: no body.
 * A document nested deeper than MAX_NESTING is refused before anything walks it.
 */
export function postedDocument(
	request: IncomingRequest,
	unwrapPushField: boolean,
): Parsed<unknown> | undefined {
	const { body } = request;
	const deep = tooDeep(body);
	if (deep) return deep;
	if (isRecord(body) && Object.keys(body).length > 0) {
		if (unwrapPushField && TRANSACTION_PUSH_FIELD in body) {
			let field = body[TRANSACTION_PUSH_FIELD];
			if (Array.isArray(field)) field = field[0];
			if (typeof field === 'string') return parseJson(field, TRANSACTION_PUSH_FIELD);
			if (isRecord(field)) return { ok: true, value: field };
			return reject(400, `${TRANSACTION_PUSH_FIELD} is empty`);
		}
		return { ok: true, value: body };
	}
	if (Array.isArray(body)) return { ok: true, value: body };
	const text =
		typeof body === 'string' && body.trim() !== ''
			? body
			: request.rawBody !== undefined && request.rawBody.length > 0
				? request.rawBody.toString()
				: undefined;
	if (text === undefined || text.trim() === '') return undefined;
	return parseTextBody(text);
}

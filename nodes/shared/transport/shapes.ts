/**
 * What a call relies on in Awin's 2xx answer. A body of another shape (truncated JSON after a cut
 * connection, a proxy's HTML page, an empty body) is not "no rows": the transport retries it like a
 * 5xx, then fails naming the endpoint; a write that could register something twice is not retried
 * but fails saying Awin may have registered it. Each check returns what is wrong, or undefined;
 * extra fields are always allowed.
 */
import type { IDataObject } from 'n8n-workflow';

export type ShapeCheck = (body: unknown) => string | undefined;

function kind(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'an empty body';
	if (typeof body === 'string')
		return /<\/?[a-z][^>]*>/i.test(body) ? 'an HTML page' : 'text that is not complete JSON';
	if (Array.isArray(body)) return 'a list';
	return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** A list of objects (transactions, programmes, commission groups, report rows). */
export const listOfObjects: ShapeCheck = (body) => {
	if (!Array.isArray(body)) return `expected a JSON list, got ${kind(body)}`;
	const bad = body.findIndex((row) => !isRecord(row));
	return bad === -1 ? undefined : `entry ${bad} of the list is ${kind(body[bad])}, not an object`;
};

/** One object (a programme's details, a job, a link). */
export const anObject: ShapeCheck = (body) =>
	isRecord(body) ? undefined : `expected a JSON object, got ${kind(body)}`;

/** An object whose `field` is a list of objects, e.g. `{ userId, accounts: [...] }`. */
export function objectWithList(field: string): ShapeCheck {
	return (body) => {
		if (!isRecord(body)) return `expected a JSON object with "${field}", got ${kind(body)}`;
		if (!(field in body)) return `the answer has no "${field}"`;
		const problem = listOfObjects(body[field]);
		return problem ? `"${field}": ${problem}` : undefined;
	};
}

/** Either a list of objects or an object with a list in `field` (Awin answers both on some reads). */
export function listOrObjectWithList(field: string): ShapeCheck {
	return (body) => (Array.isArray(body) ? listOfObjects(body) : objectWithList(field)(body));
}

/** An object or a list of objects: for an answer Awin documents without its fields. */
export const objectOrList: ShapeCheck = (body) =>
	Array.isArray(body) ? listOfObjects(body) : anObject(body);

/**
 * An object whose `fields`, when present, are lists of objects: Awin's answer to an orders POST
 * (`successfulOrders`, `failedOrders`), where a missing list means "none".
 */
export function objectWithOptionalLists(...fields: string[]): ShapeCheck {
	return (body) => {
		if (!isRecord(body)) return `expected a JSON object, got ${kind(body)}`;
		for (const field of fields) {
			const problem =
				body[field] === undefined || body[field] === null ? undefined : listOfObjects(body[field]);
			if (problem) return `"${field}": ${problem}`;
		}
		return undefined;
	};
}

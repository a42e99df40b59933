import type { IDataObject } from 'n8n-workflow';

import { AwinApi as AwinApiCredential } from '../../../credentials/AwinApi.credentials';
import { AwinConversionApi as AwinConversionApiCredential } from '../../../credentials/AwinConversionApi.credentials';

const SECRET_MARK = '***';

/** The smallest start of a secret hidden when a text ends with it (a secret cut by a truncation). */
const SECRET_PREFIX_MIN = 8;

const CREDENTIAL_PROPERTIES = {
	awinApi: new AwinApiCredential().properties,
	awinConversionApi: new AwinConversionApiCredential().properties,
};

/** The values of the credential's secret properties (those the editor masks as passwords). */
export function credentialSecrets(
	type: keyof typeof CREDENTIAL_PROPERTIES,
	credentials: IDataObject,
): string[] {
	return CREDENTIAL_PROPERTIES[type]
		.filter((property) => property.typeOptions?.password)
		.map((property) => credentials[property.name])
		.filter((value): value is string => typeof value === 'string');
}

/**
 * Hides every secret in a text: each whole occurrence, and a start of a secret (8+ characters) at
 * the end of the text (or before a closing "…"), where a truncation cut it.
 */
export function secretRedactor(secrets: string[]): (text: string) => string {
	const hidden = [...new Set(secrets.map((s) => s.trim()).filter((s) => s.length >= 4))].sort(
		(a, b) => b.length - a.length,
	);
	if (hidden.length === 0) return (text) => text;
	return (text) => {
		let clean = text;
		for (const secret of hidden) {
			if (clean.includes(secret)) clean = clean.split(secret).join(SECRET_MARK);
			if (secret.length <= SECRET_PREFIX_MIN) continue;
			const end = clean.endsWith('…') ? clean.length - 1 : clean.length;
			const start = clean.lastIndexOf(secret.slice(0, SECRET_PREFIX_MIN), end);
			if (start !== -1 && secret.startsWith(clean.slice(start, end))) {
				clean = `${clean.slice(0, start)}${SECRET_MARK}${clean.slice(end)}`;
			}
		}
		return clean;
	};
}

/**
 * Parses an answer given as text (JSON when it is JSON, else the text) and removes the secrets
 * from it. The walk over every string (redactDeep) costs a few µs per order of a 1000-order answer;
 * it is skipped when the text holds neither a secret nor the first SECRET_PREFIX_MIN characters of
 * one (all a shortened text could keep). That check is exact for secrets of letters, digits and
 * ". _ ~ -", which JSON can only write otherwise as \u escapes: a text with any \u always walks,
 * and so does any other secret.
 */
export function answerRedactor(
	secrets: string[],
	redact: (text: string) => string,
): (answer: unknown) => unknown {
	const probes = secrets
		.map((s) => s.trim())
		.filter((s) => s.length >= 4)
		.map((s) => s.slice(0, SECRET_PREFIX_MIN));
	const checkable = probes.every((probe) => /^[\w.~-]+$/.test(probe));
	return (answer) => {
		const text =
			typeof answer === 'string'
				? answer
				: Buffer.isBuffer(answer)
					? answer.toString('utf8')
					: undefined;
		if (text === undefined)
			return answer === undefined || answer === null ? answer : redactDeep(answer, redact);
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// Not JSON (an HTML page, a cut answer): kept as text, as n8n would.
		}
		if (checkable && !text.includes('\\u') && !probes.some((probe) => text.includes(probe)))
			return body;
		return redactDeep(body, redact);
	};
}

/**
 * Every string (and object key) in a parsed answer, redacted. Walks with its own stack, not by
 * recursion, so a deeply nested answer cannot overflow the call stack. Changes `value` in place.
 */
export function redactDeep(value: unknown, redact: (text: string) => string): unknown {
	if (typeof value === 'string') return redact(value);
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const node = pending.pop();
		if (!node || typeof node !== 'object' || Buffer.isBuffer(node)) continue;
		const record = node as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			let child = record[key];
			if (typeof child === 'string') child = record[key] = redact(child);
			else if (child && typeof child === 'object') pending.push(child);
			const cleanKey = redact(key);
			if (cleanKey !== key && !Array.isArray(record)) {
				record[cleanKey] = child;
				delete record[key];
			}
		}
	}
	return value;
}

/** How a failed call is read and how long the client waits before trying it again. */
import type { IDataObject } from 'n8n-workflow';

import { retryPolicy } from '../limits';

export function tries(count: number): string {
	return `${count} ${count === 1 ? 'try' : 'tries'}`;
}

/** Exponential back-off with "equal jitter": half the step for sure, the other half at random. */
export function backoffMs(attempt: number): number {
	const step = Math.min(retryPolicy.backoffMaxMs, retryPolicy.backoffBaseMs * 2 ** (attempt - 1));
	return Math.round(step / 2 + (Math.random() * step) / 2);
}

export function networkErrorCode(error: unknown): string {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown } | undefined)?.code;
		if (typeof code === 'string' && code.length > 0 && !/^\d+$/.test(code)) return code;
	}
	const message = String((error as Error)?.message ?? '');
	const match = /\b(E[A-Z]{3,}|socket hang up|timeout)/.exec(message);
	return match ? match[1] : 'network error';
}

export function isRateLimitBody(body: unknown): boolean {
	return (body as IDataObject | undefined)?.error === 'request.limit.exceeded';
}

/** Retry-After in seconds or as an HTTP date (Awin documents none; a proxy may send one). */
export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const raw = headers?.['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

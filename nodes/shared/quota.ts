import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

import type { AwinApi, Quota } from './limits';

/**
 * Calls sent with one secret, shared by every execution in this n8n process (module state lives
 * as long as the process). Keyed by a hash, so the secret itself is never kept here.
 */
class SentCalls {
	private sentAt: number[] = [];

	private pausedUntil = 0;

	/** Milliseconds to wait before one more call keeps every quota; 0 when it may go now. */
	waitMs(now: number, quotas: Quota[]): number {
		const longest = Math.max(...quotas.map((q) => q.windowMs));
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - longest) this.sentAt.shift();

		let wait = Math.max(0, this.pausedUntil - now);
		for (const { limit, windowMs } of quotas) {
			const inWindow = this.sentAt.filter((t) => t > now - windowMs);
			if (inWindow.length >= limit) {
				// The call that must leave the window before one more fits.
				const oldestToExpire = inWindow[inWindow.length - limit];
				wait = Math.max(wait, oldestToExpire + windowMs - now);
			}
		}
		return wait;
	}

	record(now: number): void {
		this.sentAt.push(now);
	}

	/** Moves a call from when it was sent to when its answer came (see callAnswered). */
	answered(sentAt: number, answeredAt: number): void {
		const index = this.sentAt.lastIndexOf(sentAt);
		if (index === -1) return;
		this.sentAt[index] = answeredAt;
		this.sentAt.sort((a, b) => a - b);
	}

	pauseUntil(time: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, time);
	}
}

const bySecret = new Map<string, SentCalls>();

export function quotaKey(api: AwinApi, baseUrl: string, secret: string): string {
	const digest = createHash('sha256').update(`${baseUrl}\n${secret}`).digest('hex');
	return `${api}:${digest.slice(0, 32)}`;
}

function sentCalls(key: string): SentCalls {
	let calls = bySecret.get(key);
	if (!calls) {
		calls = new SentCalls();
		bySecret.set(key, calls);
	}
	return calls;
}

/**
 * Waits until one more call fits every quota, then counts it as sent. A burst up to the quota
 * goes at once. The wait ends early (rejecting) when `signal` aborts. Returns the time the call
 * was counted at, for callAnswered().
 */
export async function takeSlot(key: string, quotas: Quota[], signal?: AbortSignal): Promise<number> {
	const calls = sentCalls(key);
	for (;;) {
		const now = Date.now();
		const wait = calls.waitMs(now, quotas);
		if (wait <= 0) {
			calls.record(now);
			return now;
		}
		await sleep(wait, signal);
	}
}

/**
 * Awin counts a call when it arrives, somewhere between our sending it and its answer. Counting it
 * from the answer keeps us under Awin's window whatever the latency; counting from the send alone
 * let a slow first call and a fast seventh land 6+1 calls inside one of Awin's seconds (a 429 and
 * a minute's pause).
 */
export function callAnswered(key: string, sentAt: number, answeredAt = Date.now()): void {
	sentCalls(key).answered(sentAt, answeredAt);
}

/** After a 429, holds every caller of this secret until Awin's quota has room again. */
export function pauseSecret(key: string, until: number): void {
	sentCalls(key).pauseUntil(until);
}

import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

import type { AwinApi, Quota } from './limits';
import { QUOTA_MARGIN, retryPolicy } from './limits';

export interface Call {
	/** When the call was sent, until `done`; then when its answer (or failure) arrived. */
	at: number;
	done: boolean;
	/** Sent beyond the adapted rate to find out whether the token has room (see TokenLimiter.next). */
	probe: boolean;
}

/**
 * Calls sent with one secret, shared by every execution in this n8n process (module state lives
 * as long as the process). Keyed by a hash, so the secret itself is never kept here. Exported for
 * the limiter simulation (test/limiter/simulation.test.ts), which drives it with a fake clock.
 *
 * A call is counted from the moment its answer arrives, not when it was sent: Awin counts it at
 * some instant in between, so counting the latest possible instant means the call that follows
 * `limit` calls later can never reach Awin inside the same window, whatever the network latency.
 * A call still in flight counts as "now" for as long as it is in flight.
 */
export class TokenLimiter {
	private calls: Call[] = [];

	private pausedUntil = 0;

	/** The rate this process allows itself after Awin's 429s (see adaptRate); undefined: the full quota. */
	private allowed: number | undefined;

	private changedAt = 0;

	/** Milliseconds to wait before one more call keeps every quota; 0 when it may go now. */
	waitMs(now: number, quotas: Quota[]): number {
		const held = quotas.map(({ limit, windowMs }) => ({
			limit: Math.min(limit, this.allowed ?? limit),
			windowMs: Math.round(windowMs * (1 + QUOTA_MARGIN)),
		}));
		const longest = Math.max(...held.map((q) => q.windowMs));
		this.calls = this.calls.filter((c) => !c.done || c.at > now - longest);
		const times = this.calls.map((c) => (c.done ? c.at : now)).sort((a, b) => a - b);

		let wait = Math.max(0, this.pausedUntil - now);
		for (const { limit, windowMs } of held) {
			const inWindow = times.filter((t) => t > now - windowMs);
			if (inWindow.length >= limit) {
				// The call that must leave the window before one more fits.
				const oldestToExpire = inWindow[inWindow.length - limit];
				wait = Math.max(wait, oldestToExpire + windowMs - now);
			}
		}
		return wait;
	}

	/** What the next call may do now: wait `waitMs`, or go (as a probe beyond the adapted rate when `probe`). */
	next(now: number, quotas: Quota[]): { waitMs: number; probe: boolean } {
		return { waitMs: this.waitMs(now, quotas), probe: false };
	}

	start(now: number, probe = false): Call {
		const call = { at: now, done: false, probe };
		this.calls.push(call);
		return call;
	}

	/** The call's answer (or failure) is in: from now on it counts at this instant. */
	finish(call: Call, now: number): void {
		if (call.done) return;
		call.at = Math.max(call.at, now);
		call.done = true;
	}

	pauseUntil(time: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, time);
	}

	/**
	 * Feeds one answer into the adaptive rate (429 or not) against Awin's quota; after a 429, holds
	 * every call of this secret for `retryAfterMs` (Awin's Retry-After) or else `defaultPauseMs`.
	 */
	answered(call: Call, rateLimited: boolean, quota: Quota, now: number, pause: { retryAfterMs?: number; defaultPauseMs: number }): void {
		const next = adaptRate({ allowed: this.allowed ?? quota.limit, changedAt: this.changedAt }, quota, rateLimited, now);
		this.allowed = next.allowed >= quota.limit ? undefined : next.allowed;
		this.changedAt = next.changedAt;
		if (rateLimited) this.pauseUntil(now + (pause.retryAfterMs ?? pause.defaultPauseMs));
	}
}

export interface AdaptiveRate {
	/** Calls per window this process allows itself. */
	allowed: number;
	/** When `allowed` last changed (ms). */
	changedAt: number;
}

/** Windows without a 429 before one more call per window is allowed (5 min on Awin's minute). */
export const RECOVERY_WINDOWS = 5;

/**
 * Additive increase, multiplicative decrease, as TCP shares a link: a 429 means someone else
 * (another worker, another tool) spends the same token, so this process halves its rate, at most
 * once per window (a burst of 429s is one signal); after RECOVERY_WINDOWS windows without a 429 it
 * takes one call per window back, never above the quota. Processes sharing a token so settle on
 * shares that add up to Awin's quota, with no setting and no shared store; the slow climb keeps
 * 429s rare once there.
 */
export function adaptRate(current: AdaptiveRate, quota: Quota, rateLimited: boolean, now: number): AdaptiveRate {
	const since = now - current.changedAt;
	if (rateLimited) {
		if (current.allowed < quota.limit && since < quota.windowMs) return current;
		return { allowed: Math.max(1, Math.floor(current.allowed / 2)), changedAt: now };
	}
	if (current.allowed >= quota.limit || since < RECOVERY_WINDOWS * quota.windowMs) return current;
	return { allowed: current.allowed + 1, changedAt: now };
}

const bySecret = new Map<string, TokenLimiter>();

/**
 * Awin's quota is "20 API calls per minute per user", and the Conversion API's x-api-key is that
 * user's token (Awin's authentication page): Bearer and x-api-key calls of one token share one
 * count. Proof of Purchase keeps its own per-second limit.
 */
export function quotaKey(api: AwinApi, baseUrl: string, secret: string): string {
	const digest = createHash('sha256').update(`${baseUrl}\n${secret}`).digest('hex');
	return `${api === 'proofOfPurchase' ? 'proofOfPurchase' : 'user'}:${digest.slice(0, 32)}`;
}

function sentCalls(key: string): TokenLimiter {
	let calls = bySecret.get(key);
	if (!calls) {
		calls = new TokenLimiter();
		bySecret.set(key, calls);
	}
	return calls;
}

/** A slot taken in a secret's quota; `done()` must be called once the call's answer (or failure) is in. */
export interface Slot {
	waitedMs: number;
	/** The call goes beyond the adapted rate to find out whether the token has room again. */
	probe: boolean;
	done(): void;
	/** Tells the adaptive rate how Awin answered (429 or not), and pauses the secret after a 429. */
	answered(rateLimited: boolean, quota: Quota, retryAfterMs: number | undefined): void;
}

/**
 * Waits until one more call fits every quota, then counts it as sent. A burst up to the quota
 * goes at once. The wait ends early (rejecting with the signal's reason) when `signal` aborts.
 */
export async function takeSlot(key: string, quotas: Quota[], signal?: AbortSignal): Promise<Slot> {
	const calls = sentCalls(key);
	const started = Date.now();
	for (;;) {
		const now = Date.now();
		const { waitMs, probe } = calls.next(now, quotas);
		if (waitMs <= 0) {
			const call = calls.start(now, probe);
			return {
				waitedMs: now - started,
				probe,
				done: () => calls.finish(call, Date.now()),
				answered: (rateLimited, quota, retryAfterMs) =>
					calls.answered(call, rateLimited, quota, Date.now(), { retryAfterMs, defaultPauseMs: retryPolicy.rateLimitWaitMs }),
			};
		}
		// Timers may fire a millisecond early; the loop checks again.
		await sleep(waitMs, signal);
	}
}

/** After a 429, holds every caller of this secret until Awin's quota has room again. */
export function pauseSecret(key: string, until: number): void {
	sentCalls(key).pauseUntil(until);
}

/** Forgets every secret's calls and pauses. For tests and the bench; production never calls it. */
export function resetAwinQuotas(): void {
	bySecret.clear();
}

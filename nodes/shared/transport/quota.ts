import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

import type { AwinApi, Quota } from '../limits';
import { QUOTA_MARGIN, quotas as awinQuotas, retryPolicy, transactionsTrigger } from '../limits';

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

	/** The rate this process allows itself after Awin's 429s (see adaptRate); undefined: never refused, the full quota. */
	private rate: AdaptiveRate | undefined;

	/** A probe is in flight: one at a time, so a refused probe costs one 429, not a burst. */
	private probing = false;

	/** When the newest answer (or failure) came, and how long that call took. */
	private lastAnswer = 0;

	private lastRoundTrip = 0;

	/**
	 * The newest answer was to a probe Awin accepted: the token has room now, so the next probe
	 * need not settle a whole margin.
	 */
	private afterAcceptedProbe = false;

	/** Milliseconds to wait before one more call keeps every quota (each held at `allowed` when given); 0 when it may go now. */
	private waitMs(now: number, quotas: Quota[], allowed?: number): number {
		const held = quotas.map(({ limit, windowMs }) => ({
			limit: Math.min(limit, allowed ?? limit),
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

	/**
	 * What the next call may do: wait `waitMs`, or go now, as a probe when `probe`. A call goes when
	 * it fits the adapted rate; when only the adapted rate holds it (the configured quotas, Max
	 * Requests per Minute included, have room and no 429 pause runs), it may go as a probe: the
	 * only way a process learns that another one has stopped using its share (see adaptRate).
	 * A caller that sleeps through the instant a probe becomes possible again wakes at its slot.
	 */
	next(now: number, quotas: Quota[]): { waitMs: number; probe: boolean } {
		const held = this.waitMs(now, quotas, this.rate?.allowed);
		if (held <= 0) return { waitMs: 0, probe: false };
		if (this.rate && !this.probing && this.waitMs(now, quotas) <= 0) {
			// A probe asks whether the token has room once every process has re-sent the calls its
			// window let go, else an accepted probe may just take the slot of another process's call
			// a moment late, and give it a 429. Windows of processes that share a token end together
			// (each re-sends when its own calls leave), so: only once this process has re-sent its
			// own (its next regular call is at least `settle` away), `settle` after its newest answer
			// (the quota margin, 1 s, or twice that call's round trip, for the others' calls still on
			// their way). Missed, the next regular call brings the next chance. Right after an accepted
			// probe the others have re-sent theirs already: twice the round trip settles the next one.
			const margin = Math.round(Math.max(...quotas.map((q) => q.windowMs)) * QUOTA_MARGIN);
			const settle = this.afterAcceptedProbe
				? 2 * this.lastRoundTrip
				: Math.max(margin, 2 * this.lastRoundTrip);
			const probeFrom = Math.max(this.rate.probeAt, this.lastAnswer + settle);
			if (probeFrom > this.lastAnswer + 2 * settle || held < probeFrom - now + settle)
				return { waitMs: held, probe: false };
			const untilProbe = probeFrom - now;
			if (untilProbe <= 0) return { waitMs: 0, probe: true };
			return { waitMs: Math.min(held, untilProbe), probe: false };
		}
		return { waitMs: held, probe: false };
	}

	start(now: number, probe = false): Call {
		const call = { at: now, done: false, probe };
		if (probe) this.probing = true;
		this.calls.push(call);
		return call;
	}

	/** The call's answer (or failure) is in: from now on it counts at this instant. */
	finish(call: Call, now: number): void {
		if (call.done) return;
		if (now >= this.lastAnswer) {
			this.lastAnswer = now;
			this.lastRoundTrip = now - call.at;
		}
		call.at = Math.max(call.at, now);
		call.done = true;
		if (call.probe) this.probing = false;
	}

	pauseUntil(time: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, time);
	}

	/**
	 * Feeds one answer into the adaptive rate (429 or not) against Awin's quota. After a 429 every
	 * call of this secret waits `retryAfterMs` (Awin's Retry-After), or else `defaultPauseMs`: Awin's
	 * window may be full for that long. Not after a refused probe without Retry-After: the probe was
	 * the one call beyond this process's share, so the next call, held to the share by the adapted
	 * rate (the refused probe still counts in it), fits again as soon as the process's own oldest
	 * call leaves its window. A minute's pause there would leave the share unused for others to take.
	 */
	answered(
		call: Call,
		rateLimited: boolean,
		quota: Quota,
		now: number,
		pause: { retryAfterMs?: number; defaultPauseMs: number },
	): void {
		this.rate = adaptRate(
			this.rate ?? fullRate(quota),
			quota,
			{ rateLimited, probe: call.probe },
			now,
		);
		this.afterAcceptedProbe = call.probe && !rateLimited;
		if (rateLimited)
			this.pauseUntil(now + (pause.retryAfterMs ?? (call.probe ? 0 : pause.defaultPauseMs)));
	}
}

export interface AdaptiveRate {
	/** Calls per window this process allows itself. */
	allowed: number;
	/** When a 429 last halved `allowed` (ms). */
	changedAt: number;
	/** No probe before this instant (ms). */
	probeAt: number;
}

/**
 * Windows a refused probe holds probing back (32 min on Awin's minute). While every share is in
 * use, refused probes so stay well below 1 call in 100: 3 processes sharing 20 calls a window
 * refuse 3 probes in 640 calls. A back-off growing from a shorter first step (8 or 16, doubling)
 * finds slack sooner but refuses more than 1 call in 100 over the first hour with 3 processes
 * (test/limiter/simulation.test.ts).
 */
export const PROBE_BACKOFF_WINDOWS = 32;

/** The rate of a process that has never met a 429: the whole quota. */
export function fullRate(quota: Quota): AdaptiveRate {
	return { allowed: quota.limit, changedAt: 0, probeAt: 0 };
}

/**
 * Multiplicative decrease, as TCP shares a link: a 429 means someone else (another worker, another
 * tool) spends the same token, so this process halves its rate, at most once per window (a burst
 * of 429s is one signal). Processes sharing a token so settle on shares that fit Awin's quota with
 * no setting and no shared store.
 *
 * The increase is by probes (TokenLimiter.next): a process whose calls wait only for its adapted
 * rate sends one call beyond it. Accepted, the token had room (another process finished or slowed
 * down): the rate takes that call for good and the next probe may go twice the round trip later
 * (TokenLimiter.next), so a process takes a whole share another left within the same window.
 * Refused, the rate stays (the 429 was our own question, not someone else's pressure) and probing
 * waits PROBE_BACKOFF_WINDOWS windows. The
 * first probe after a 429 waits two windows, the pause and one whole window at the new rate, so the
 * 429s of a shared first window are not followed by a refused probe in the second.
 */
export function adaptRate(
	current: AdaptiveRate,
	quota: Quota,
	answer: { rateLimited: boolean; probe: boolean },
	now: number,
): AdaptiveRate {
	const window = quota.windowMs;
	if (answer.probe) {
		if (answer.rateLimited) return { ...current, probeAt: now + PROBE_BACKOFF_WINDOWS * window };
		return { ...current, allowed: Math.min(quota.limit, current.allowed + 1), probeAt: now };
	}
	if (!answer.rateLimited) return current;
	const probeAt = Math.max(current.probeAt, now + 2 * window);
	if (current.allowed < quota.limit && now - current.changedAt < window)
		return { ...current, probeAt };
	return {
		...current,
		allowed: Math.max(1, Math.floor(current.allowed / 2)),
		changedAt: now,
		probeAt,
	};
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

/** A slot that counts nothing: for calls outside the user quota. */
export const UNCOUNTED_SLOT: Slot = {
	waitedMs: 0,
	probe: false,
	done: () => undefined,
	answered: () => undefined,
};

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
					calls.answered(call, rateLimited, quota, Date.now(), {
						retryAfterMs,
						defaultPauseMs: retryPolicy.rateLimitWaitMs,
					}),
			};
		}
		// Timers may fire a millisecond early; the loop checks again.
		await sleep(waitMs, signal);
	}
}

/**
 * The package's one seam, for tests and benches; production never calls it. Sets the given
 * figures of limits.ts (quotas, retry waits, the Transactions Trigger's memory) and forgets what
 * the quotas remember of every secret (calls, pauses, adapted rates), so the next call starts
 * afresh under those figures. Callers require this file from dist, the instance the nodes use.
 */
export function setLimitsForTests(changes: {
	quotas?: Partial<Record<AwinApi, Partial<Quota>>>;
	retryPolicy?: Partial<typeof retryPolicy>;
	transactionsTrigger?: Partial<typeof transactionsTrigger>;
}): void {
	for (const [api, quota] of Object.entries(changes.quotas ?? {}) as Array<
		[AwinApi, Partial<Quota>]
	>)
		Object.assign(awinQuotas[api], quota);
	Object.assign(retryPolicy, changes.retryPolicy ?? {});
	Object.assign(transactionsTrigger, changes.transactionsTrigger ?? {});
	bySecret.clear();
}

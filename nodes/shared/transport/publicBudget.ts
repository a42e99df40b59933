/**
 * The Public API's own burst per token, beside the per-user quota (quota.ts). Awin tells it in
 * every counted answer: `RateLimit-Remaining` calls are left, `RateLimit-Reset` seconds until the
 * burst is whole again; a 429 carries `Retry-After`. A call is not sent into an exhausted burst:
 * it waits for the reset (or Retry-After). Until the first answer says how much is left, one call
 * at a time goes. Like the quota, this is per n8n process, keyed by the hash quota.ts makes.
 */
import { sleep } from 'n8n-workflow';

import { PUBLIC_API } from '../limits';
import { publicErrorCode } from './errors';

/** What one answer said about the burst (absent headers: the call did not count). */
export interface BurstAnswer {
	remaining?: number;
	resetMs?: number;
	retryAfterMs?: number;
}

/** How often a call waiting for an answer still in flight looks again. */
const IN_FLIGHT_POLL_MS = 25;

class PublicBudget {
	/** Calls left in the burst by the latest answer; undefined: not known (none yet, or restored). */
	private remaining: number | undefined;

	/** When the burst is whole again (ms). */
	private resetAt = 0;

	private inFlight = 0;

	waitMs(now: number): number {
		if (this.remaining !== undefined && now >= this.resetAt) this.remaining = undefined;
		if (this.remaining === undefined) return this.inFlight === 0 ? 0 : IN_FLIGHT_POLL_MS;
		if (this.remaining - this.inFlight > 0) return 0;
		return this.inFlight > 0 ? IN_FLIGHT_POLL_MS : Math.max(1, this.resetAt - now);
	}

	start(): void {
		this.inFlight++;
	}

	finish(now: number, answer: BurstAnswer | undefined): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (!answer) return;
		if (answer.retryAfterMs !== undefined) {
			this.remaining = 0;
			this.resetAt = Math.max(this.resetAt, now + answer.retryAfterMs);
			return;
		}
		if (answer.remaining === undefined) return;
		this.remaining = answer.remaining;
		this.resetAt = now + (answer.resetMs ?? PUBLIC_API.exhaustedWaitMs);
	}
}

const budgets = new Map<string, PublicBudget>();

function budgetOf(key: string): PublicBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = new PublicBudget();
		budgets.set(key, budget);
	}
	return budget;
}

/** A place in the burst; `done` once the answer (with its headers) or the failure is in. */
export interface BurstSlot {
	done(answer?: BurstAnswer): void;
}

/** Waits until the token's burst has room for one more call, then counts it as in flight. */
export async function takeBurstSlot(key: string, signal?: AbortSignal): Promise<BurstSlot> {
	const budget = budgetOf(key);
	for (;;) {
		const waitMs = budget.waitMs(Date.now());
		if (waitMs <= 0) break;
		await sleep(waitMs, signal);
	}
	budget.start();
	let finished = false;
	return {
		done: (answer) => {
			if (finished) return;
			finished = true;
			budget.finish(Date.now(), answer);
		},
	};
}

/**
 * A 429 that names a used-up quota (short links), not the rate: not retried, since its
 * Retry-After may be hours. Undefined for any other answer.
 */
export function usedUpQuota(
	statusCode: number,
	body: unknown,
	retryAfterMs: number | undefined,
): { code: string; message: string } | undefined {
	const code = statusCode === 429 ? publicErrorCode(body) : undefined;
	if (code === undefined || !PUBLIC_API.quotaCodes.includes(code)) return undefined;
	const when =
		retryAfterMs === undefined ? '' : `; it resets in ${Math.ceil(retryAfterMs / 60_000)} min`;
	return { code, message: `Awin refused the call: a quota is used up (429 ${code})${when}` };
}

/** Awin's RateLimit-* and Retry-After headers of one answer, as numbers; a rate 429 pauses the burst. */
export function burstAnswer(
	headers: Record<string, unknown> | undefined,
	retryAfterMs: number | undefined,
	statusCode: number,
	body: unknown,
): BurstAnswer {
	const rateLimited = statusCode === 429 && !usedUpQuota(statusCode, body, retryAfterMs);
	const number = (name: string) => {
		const raw = headers?.[name];
		const value = Number(Array.isArray(raw) ? raw[0] : raw);
		return raw === undefined || raw === null || raw === '' || !Number.isFinite(value)
			? undefined
			: value;
	};
	const reset = number('ratelimit-reset');
	return {
		remaining: number('ratelimit-remaining'),
		resetMs: reset === undefined ? undefined : reset * 1000,
		retryAfterMs: rateLimited
			? (retryAfterMs ?? (reset === undefined ? undefined : reset * 1000))
			: undefined,
	};
}

/**
 * What every Public API (v1) route of the sandbox shares, as Awin's pages describe it
 * (docs/awin-api.md, "Public API (v1)"): paths below `/public`, a burst limit per token answered
 * with `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` on every counted call and
 * a 429 with `Retry-After` beyond it, JSON bodies only (415 otherwise), and errors as
 * `{ errors: [{ status, code, detail, pointer? }] }` (the sandbox's reading: Awin's copies name
 * `errors[].pointer` and codes such as NOT_FOUND, not the whole body).
 *
 * Public API calls also count against the sandbox's per-user quota of the legacy endpoints (the
 * route's `quota: 'bearer'`): whether Awin shares that budget is not documented, and the sandbox
 * takes the strict reading, as the node does.
 */
import type { AwinSandbox, SandboxRequest, SandboxResponse } from '../server.ts';

export const PUBLIC_PREFIX = '/public/v1';

/** Awin's example: "RateLimit-Limit ... Example 5". Tests shrink or widen the window. */
export interface Burst {
	limit: number;
	windowMs: number;
}

const DEFAULT_BURST: Burst = { limit: 5, windowMs: 1_000 };

interface BurstState {
	burst: Burst;
	/** Per token: the calls counted in the current window. */
	windows: Map<string, { start: number; used: number }>;
}

const bursts = new WeakMap<AwinSandbox, BurstState>();

function burstOf(sandbox: AwinSandbox): BurstState {
	let state = bursts.get(sandbox);
	if (!state) {
		state = { burst: { ...DEFAULT_BURST }, windows: new Map() };
		bursts.set(sandbox, state);
	}
	return state;
}

/** Sets the burst the sandbox enforces on Public API calls and forgets the calls counted so far. */
export function configurePublicBurst(sandbox: AwinSandbox, burst: Partial<Burst>): void {
	const state = burstOf(sandbox);
	Object.assign(state.burst, burst);
	state.windows.clear();
}

export function problem(
	status: number,
	code: string,
	detail: string,
	pointer?: string,
): SandboxResponse {
	return {
		status,
		body: { errors: [{ status: String(status), code, detail, ...(pointer ? { pointer } : {}) }] },
	};
}

/**
 * Counts the call in its token's window. Within the burst: the headers to add to the answer.
 * Beyond it: Awin's 429 with Retry-After (whole seconds until the window restarts).
 */
function countCall(
	sandbox: AwinSandbox,
	request: SandboxRequest,
): { headers: Record<string, string> } | SandboxResponse {
	const { burst, windows } = burstOf(sandbox);
	const token = request.headers.authorization ?? '';
	const now = request.time;
	let window = windows.get(token);
	if (!window || now - window.start >= burst.windowMs) {
		window = { start: now, used: 0 };
		windows.set(token, window);
	}
	const resetSeconds = String(Math.max(1, Math.ceil((window.start + burst.windowMs - now) / 1000)));
	if (window.used >= burst.limit) {
		const refused = problem(429, 'RATE_LIMITED', 'Too many requests: wait for Retry-After seconds');
		refused.headers = {
			'RateLimit-Limit': String(burst.limit),
			'RateLimit-Remaining': '0',
			'RateLimit-Reset': resetSeconds,
			'Retry-After': resetSeconds,
		};
		return refused;
	}
	window.used++;
	return {
		headers: {
			'RateLimit-Limit': String(burst.limit),
			'RateLimit-Remaining': String(burst.limit - window.used),
			'RateLimit-Reset': resetSeconds,
		},
	};
}

export interface PublicHandlerOptions {
	/** The route reads a JSON body: another content type is a 415. */
	jsonBody?: boolean;
}

/** Wraps a Public API handler: burst limit, headers, content type and path ids as Awin checks them. */
export function publicHandler(
	sandbox: AwinSandbox,
	handle: (request: SandboxRequest) => SandboxResponse,
	options: PublicHandlerOptions = {},
): (request: SandboxRequest) => SandboxResponse {
	return (request) => {
		const counted = countCall(sandbox, request);
		if ('status' in counted) return counted;
		const answer = ((): SandboxResponse => {
			const bad = Object.entries(request.params).find(([, value]) => !/^[0-9]+$/.test(value));
			if (bad) return problem(400, 'BAD_REQUEST', `Path parameter ${bad[0]} is malformed`);
			if (
				options.jsonBody &&
				!/^application\/json\b/i.test(request.headers['content-type'] ?? '')
			) {
				return problem(
					415,
					'UNSUPPORTED_MEDIA_TYPE',
					'The request does not carry a JSON content type',
				);
			}
			return handle(request);
		})();
		return { ...answer, headers: { ...counted.headers, ...answer.headers } };
	};
}

/** A JSON object body, or undefined. */
export function objectBody(request: SandboxRequest): Record<string, unknown> | undefined {
	const body = request.body;
	return body && typeof body === 'object' && !Array.isArray(body)
		? (body as Record<string, unknown>)
		: undefined;
}

/** The body's fields outside `allowed`: Awin answers 400 for "an unknown field". */
export function unknownField(body: Record<string, unknown>, allowed: string[]): string | undefined {
	return Object.keys(body).find((key) => !allowed.includes(key));
}

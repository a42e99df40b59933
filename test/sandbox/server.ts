/**
 * A local stand-in for api.awin.com, faithful to ../shared/reference/awin-api.md: it checks the
 * Bearer token or x-api-key, enforces Awin's per-secret quota with Awin's 429 body, records every
 * request, and can be told to misbehave. Endpoints live in ./routes, one module per area.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { allRoutes } from './routes/index.ts';

export type AuthKind = 'bearer' | 'apiKey';
export type QuotaKind = 'bearer' | 'conversion' | 'proofOfPurchase';

export interface SandboxRequest {
	time: number;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, else the raw text ('' for none). */
	body: unknown;
	rawBody: string;
	/** Path parameters captured by the route's pattern. */
	params: Record<string, string>;
	/** What the sandbox answered. */
	status?: number;
	fault?: string;
}

export interface SandboxResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

export interface Route {
	method: string;
	/** Path pattern with :name segments, e.g. /advertisers/:advertiserId/transactions/ */
	path: string;
	auth: AuthKind;
	quota: QuotaKind;
	handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
}

export type RouteFactory = (sandbox: AwinSandbox) => Route[];

export interface Fault {
	method?: string;
	/** Applies to requests whose path matches. */
	path?: RegExp;
	/** Answer with this status and body (e.g. 429, 500, an HTML proxy page). */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Wait this long before answering (or dropping). */
	delayMs?: number;
	/** Close the connection without an answer, after reading the request. */
	drop?: boolean;
	/** How many matching requests it applies to (default 1). */
	times?: number;
}

export interface SandboxOptions {
	port?: number;
	quotas?: Partial<Record<QuotaKind, { limit: number; windowMs: number }>>;
	/** Largest body accepted, in bytes. */
	maxBodyBytes?: number;
}

/** Secrets the sandbox accepts. They are test values, never real Awin secrets. */
export const SANDBOX_SECRETS = {
	apiToken: 'sandbox-token-7f3a9c2e51d84b06',
	apiKey: 'sandbox-key-5b8e1d4a7c2f9036',
};

export const DEFAULT_QUOTAS: Record<QuotaKind, { limit: number; windowMs: number }> = {
	bearer: { limit: 20, windowMs: 60_000 },
	conversion: { limit: 20, windowMs: 60_000 },
	proofOfPurchase: { limit: 6, windowMs: 1_000 },
};

export class AwinSandbox {
	readonly requests: SandboxRequest[] = [];

	readonly quotas: Record<QuotaKind, { limit: number; windowMs: number }>;

	url = '';

	private readonly server: Server;

	private readonly sockets = new Set<Socket>();

	private readonly routes: Array<Route & { pattern: RegExp; names: string[] }>;

	private faults: Array<Fault & { left: number }> = [];

	private readonly calls = new Map<string, number[]>();

	/** Pending fault delays, cleared on close so a test run can exit. */
	private readonly delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	private readonly options: SandboxOptions;

	constructor(options: SandboxOptions = {}) {
		this.options = options;
		this.quotas = { ...DEFAULT_QUOTAS, ...options.quotas };
		this.routes = allRoutes
			.flatMap((factory) => factory(this))
			.map((route) => {
				const names: string[] = [];
				const source = route.path
					.replace(/\/+$/, '')
					.replace(/:([A-Za-z]+)/g, (_, name: string) => {
						names.push(name);
						return '([^/]+)';
					});
				return { ...route, pattern: new RegExp(`^${source}/?$`), names };
			});
		this.server = createServer((req, res) => void this.serve(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	async start(): Promise<this> {
		await new Promise<void>((resolve) =>
			this.server.listen(this.options.port ?? 0, '127.0.0.1', resolve),
		);
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async close(): Promise<void> {
		for (const delay of this.delays) {
			clearTimeout(delay.timer);
			delay.resolve();
		}
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Queues a misbehaviour for the next matching request(s). */
	fault(fault: Fault): void {
		this.faults.push({ ...fault, left: fault.times ?? 1 });
	}

	/** Requests to paths matching `path` (and `method`), in arrival order. */
	requestsTo(path: RegExp, method?: string): SandboxRequest[] {
		return this.requests.filter((r) => path.test(r.path) && (!method || r.method === method));
	}

	reset(): void {
		this.requests.length = 0;
		this.faults = [];
		this.calls.clear();
	}

	private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const rawBody = await readBody(req, this.options.maxBodyBytes ?? 64 * 1024 * 1024);
		const request: SandboxRequest = {
			time: Date.now(),
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
			body: parseJson(rawBody),
			rawBody,
			params: {},
		};
		this.requests.push(request);

		const fault = this.faults.find(
			(f) =>
				f.left > 0 &&
				(!f.path || f.path.test(request.path)) &&
				(!f.method || f.method === request.method),
		);
		if (fault) {
			fault.left--;
			this.faults = this.faults.filter((f) => f.left > 0);
			if (fault.delayMs) {
				request.fault = 'delay';
				await this.delay(fault.delayMs);
			}
			if (fault.drop) {
				request.fault = 'drop';
				req.socket.destroy();
				return;
			}
			if (fault.status !== undefined) {
				request.fault = `status ${fault.status}`;
				return this.send(res, request, {
					status: fault.status,
					body: fault.body,
					headers: fault.headers,
				});
			}
		}

		const route = this.routes.find(
			(r) => r.method === request.method && r.pattern.test(request.path),
		);
		if (!route) {
			return this.send(res, request, {
				status: 404,
				body: { error: 'not.found', description: `No endpoint ${request.method} ${request.path}` },
			});
		}
		const match = route.pattern.exec(request.path) as RegExpExecArray;
		route.names.forEach((name, i) => (request.params[name] = decodeURIComponent(match[i + 1])));

		const secret =
			route.auth === 'bearer'
				? /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
				: request.headers['x-api-key'];
		// Awin's authentication page: x-api-key carries "<your token>", the personal token; a separate
		// key (SANDBOX_SECRETS.apiKey) stands for one Awin issued apart, which keeps working.
		const accepted =
			route.auth === 'bearer'
				? [SANDBOX_SECRETS.apiToken]
				: [SANDBOX_SECRETS.apiKey, SANDBOX_SECRETS.apiToken];
		if (secret === undefined || !accepted.includes(secret)) {
			return this.send(res, request, {
				status: 401,
				body: {
					error: 'unauthorized',
					description: 'Missing or invalid authentication credentials',
				},
			});
		}

		// Awin's user quota is per token: Bearer and x-api-key calls with one token share it.
		const quotaKey = route.quota === 'proofOfPurchase' ? 'proofOfPurchase' : 'user';
		if (!this.withinQuota(`${quotaKey}:${secret}`, this.quotas[route.quota], request.time)) {
			const { limit, windowMs } = this.quotas[route.quota];
			return this.send(res, request, {
				status: 429,
				body: {
					error: 'request.limit.exceeded',
					description: `Requests limit '${limit}' times per '${windowMs / 60_000}' minutes' is exceeded`,
				},
			});
		}

		try {
			this.send(res, request, await route.handle(request));
		} catch (error) {
			this.send(res, request, {
				status: 500,
				body: { error: 'internal', description: String((error as Error).message) },
			});
		}
	}

	private async delay(ms: number): Promise<void> {
		await new Promise<void>((resolve) => {
			const delay = {
				timer: setTimeout(() => {
					this.delays.delete(delay);
					resolve();
				}, ms),
				resolve,
			};
			this.delays.add(delay);
		});
	}

	private withinQuota(
		key: string,
		quota: { limit: number; windowMs: number },
		now: number,
	): boolean {
		const recent = (this.calls.get(key) ?? []).filter((t) => t > now - quota.windowMs);
		if (recent.length >= quota.limit) {
			this.calls.set(key, recent);
			return false;
		}
		recent.push(now);
		this.calls.set(key, recent);
		return true;
	}

	private send(res: ServerResponse, request: SandboxRequest, response: SandboxResponse): void {
		request.status = response.status;
		const isText = typeof response.body === 'string';
		const payload =
			response.body === undefined
				? ''
				: isText
					? (response.body as string)
					: JSON.stringify(response.body);
		res.writeHead(response.status, {
			'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
			...response.headers,
		});
		res.end(payload);
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<AwinSandbox> {
	return await new AwinSandbox(options).start();
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > maxBytes) break;
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
	if (!text) return '';
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { AwinApi, Quota } from './limits';
import { CREDENTIAL_TYPE, quotas, retryPolicy } from './limits';
import { callAnswered, pauseSecret, quotaKey, takeSlot } from './quota';

export type AwinContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What a user may tune per node (the "Request Options" of each operation). */
export interface ClientSettings {
	/** Lowers the calls per minute below Awin's quota, e.g. when several n8n workers share a token. */
	requestsPerMinute?: number;
	/** Tries per call, the first included. */
	maxTries?: number;
}

export interface AwinRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	/**
	 * False for calls that may register something twice when re-sent after an ambiguous failure
	 * (a timeout or dropped connection after the request went out, or a 504). Those are not retried.
	 */
	idempotent: boolean;
	/** Non-2xx statuses whose body the caller maps itself (e.g. 206/400/406 with failedOrders). */
	acceptStatus?: number[];
	/** The item an error is reported on when the call serves one item. */
	itemIndex?: number;
}

export interface AwinResponse<T> {
	statusCode: number;
	body: T;
}

/** Network failures after which the request certainly did not reach Awin. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** 5xx answers that say the request was not processed, so even a write may be re-sent. */
const NOT_PROCESSED_STATUSES = new Set([500, 502, 503]);

export interface AwinClient {
	request<T = unknown>(request: AwinRequest): Promise<AwinResponse<T>>;
}

/**
 * The one way this package talks to Awin: every call waits for a slot in the secret's quota,
 * is authenticated by n8n from the credential, and is retried by the rules in limits.ts.
 */
export async function createAwinClient(
	ctx: AwinContext,
	api: AwinApi,
	settings: ClientSettings = {},
): Promise<AwinClient> {
	const credentialType = CREDENTIAL_TYPE[api];
	const credentials = await ctx.getCredentials(credentialType);
	const secret = String(credentials.apiToken ?? credentials.apiKey ?? '');
	const baseUrl = String(credentials.baseUrl || 'https://api.awin.com').replace(/\/+$/, '');
	const key = quotaKey(api, baseUrl, secret);
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	const maxTries = Math.max(1, settings.maxTries ?? retryPolicy.maxTries);

	const quotaList = (): Quota[] => {
		const list = [quotas[api]];
		if (settings.requestsPerMinute && settings.requestsPerMinute > 0) {
			list.push({ limit: Math.floor(settings.requestsPerMinute), windowMs: 60_000 });
		}
		return list;
	};

	const redact = (text: string) => (secret.length >= 4 ? text.split(secret).join('***') : text);

	const fail = (
		request: AwinRequest,
		message: string,
		description: string,
		httpCode?: number,
		extra: IDataObject = {},
	): NodeApiError => {
		const error = new NodeApiError(
			ctx.getNode(),
			{ message: redact(message), description: redact(description), ...extra } as JsonObject,
			{
				message: redact(message),
				description: redact(description),
				httpCode: httpCode === undefined ? undefined : String(httpCode),
				itemIndex: request.itemIndex,
			},
		);
		return error;
	};

	async function request<T>(req: AwinRequest): Promise<AwinResponse<T>> {
		const where = `${req.method} ${req.path}`;
		for (let attempt = 1; ; attempt++) {
			const sentAt = await takeSlot(key, quotaList(), signal);
			const options: IHttpRequestOptions = {
				method: req.method,
				url: `${baseUrl}${req.path}`,
				qs: req.qs,
				body: req.body as IHttpRequestOptions['body'],
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: retryPolicy.requestTimeoutMs,
			};

			let statusCode: number;
			let body: unknown;
			let headers: IDataObject;
			try {
				const response = (await ctx.helpers.httpRequestWithAuthentication.call(
					ctx,
					credentialType,
					options,
				)) as { statusCode: number; body: unknown; headers: IDataObject };
				({ statusCode, body, headers } = response);
				callAnswered(key, sentAt);
			} catch (error) {
				callAnswered(key, sentAt);
				if (signal?.aborted) throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled');
				const code = networkErrorCode(error);
				const notSent = NOT_SENT_CODES.has(code);
				if (attempt < maxTries && (notSent || req.idempotent)) {
					await sleep(backoffMs(attempt), signal);
					continue;
				}
				const ambiguous = !notSent && !req.idempotent;
				// The code goes in the description: NodeApiError swaps a message naming a known code
				// (ECONNRESET...) for its generic text, which would lose "may or may not".
				throw fail(
					req,
					ambiguous
						? 'The connection to Awin failed after the request was sent; Awin may or may not have processed it'
						: `Could not reach Awin after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`,
					ambiguous
						? `${where} (${code}): this call is not re-sent automatically because it could register the same data twice. Check in Awin before sending it again.`
						: `${where} (${code}): check the Base URL in the credential and the network between n8n and Awin.`,
					undefined,
					// Not `code`, which NodeApiError would read as the HTTP code.
					{ networkCode: code, ambiguous },
				);
			}

			if (statusCode === 429 || isRateLimitBody(body)) {
				const waitMs = retryAfterMs(headers) ?? retryPolicy.rateLimitWaitMs;
				pauseSecret(key, Date.now() + waitMs);
				if (attempt < maxTries) continue;
				throw fail(
					req,
					`Awin's rate limit was still exceeded after ${attempt} tries`,
					`${where}: ${describeBody(body) || 'too many requests'}. Awin allows ${quotas[api].limit} calls per ${quotas[api].windowMs / 1000} s per secret; lower "Max Requests per Minute" if other workflows or workers share this secret.`,
					429,
				);
			}

			if (statusCode >= 500) {
				const mayRetry = req.idempotent || NOT_PROCESSED_STATUSES.has(statusCode);
				if (attempt < maxTries && mayRetry) {
					await sleep(backoffMs(attempt), signal);
					continue;
				}
				throw fail(
					req,
					`Awin answered ${statusCode} (server error)${mayRetry ? ` after ${attempt} ${attempt === 1 ? 'try' : 'tries'}` : ''}`,
					`${where}: ${describeBody(body) || 'no details'}${mayRetry ? '' : '. Awin may or may not have processed this call; it is not re-sent automatically.'}`,
					statusCode,
					{ ambiguous: !mayRetry },
				);
			}

			if ((statusCode >= 200 && statusCode < 300) || req.acceptStatus?.includes(statusCode)) {
				return { statusCode, body: body as T };
			}

			throw fail(req, clientErrorMessage(statusCode, body), `${where}: ${describeBody(body) || 'no details'}`, statusCode);
		}
	}

	return { request };
}

function backoffMs(attempt: number): number {
	const cap = Math.min(retryPolicy.backoffMaxMs, retryPolicy.backoffBaseMs * 2 ** (attempt - 1));
	return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

function networkErrorCode(error: unknown): string {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown } | undefined)?.code;
		if (typeof code === 'string' && code.length > 0 && !/^\d+$/.test(code)) return code;
	}
	const message = String((error as Error)?.message ?? '');
	const match = /\b(E[A-Z]{3,}|socket hang up|timeout)/.exec(message);
	return match ? match[1] : 'network error';
}

function isRateLimitBody(body: unknown): boolean {
	return (body as IDataObject | undefined)?.error === 'request.limit.exceeded';
}

function retryAfterMs(headers: IDataObject): number | undefined {
	const value = headers?.['retry-after'];
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Awin's error bodies: `{error, description}`, validation lists, or HTML/text from a proxy. */
export function describeBody(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') {
		const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
		return text.length > 300 ? `${text.slice(0, 300)}…` : text;
	}
	if (Array.isArray(body)) return body.map(describeBody).filter(Boolean).join('; ');
	if (typeof body === 'object') {
		const b = body as IDataObject;
		const parts: string[] = [];
		for (const field of ['error', 'message', 'description', 'detail']) {
			if (typeof b[field] === 'string' && b[field]) parts.push(b[field] as string);
		}
		if (Array.isArray(b.errors)) {
			parts.push(
				(b.errors as IDataObject[])
					.map((e) => (typeof e === 'object' && e ? [e.field, e.message].filter(Boolean).join(': ') : String(e)))
					.join('; '),
			);
		}
		return parts.length > 0 ? parts.join(' - ') : JSON.stringify(body).slice(0, 300);
	}
	return String(body);
}

function clientErrorMessage(statusCode: number, body: unknown): string {
	switch (statusCode) {
		case 400:
			return `Awin rejected the request as invalid (400)`;
		case 401:
			return 'Awin rejected the credentials (401): check the API token or key in the n8n credential';
		case 403:
			return 'Awin refused access (403): the credential cannot reach this account or API';
		case 404:
			return 'Awin found nothing at this address (404): check the account id';
		default:
			return `Awin answered ${statusCode}${describeBody(body) ? `: ${describeBody(body).slice(0, 120)}` : ''}`;
	}
}

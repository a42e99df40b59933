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

import type { AwinApi, Quota } from '../limits';
import { CREDENTIAL_TYPE, PUBLIC_API, quotas, retryPolicy } from '../limits';
import { nodeParameter } from '../params/parameter';
import { clientErrorMessage, describeBody } from './errors';
import { burstAnswer, takeBurstSlot, usedUpQuota } from './publicBudget';
import { quotaKey, takeSlot, UNCOUNTED_SLOT } from './quota';
import { answerRedactor, credentialSecrets, redactDeep, secretRedactor } from './redact';
import { backoffMs, isRateLimitBody, networkErrorCode, retryAfterMs, tries } from './retries';
import type { ShapeCheck } from './shapes';

export type AwinContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What a user may tune per node (the "Request Options" of each operation). */
export interface ClientSettings {
	/** Lowers the calls per minute below Awin's quota, e.g. when several n8n workers share a token. */
	requestsPerMinute?: number;
	/** Tries per call, the first included. */
	maxTries?: number;
}

/** @public */
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
	/**
	 * What a 2xx body must look like (shapes.ts). Any other body is retried like a 5xx when the call
	 * is idempotent, then fails: a read never succeeds with data missing. A write that is not
	 * idempotent is not re-sent: it fails as `ambiguous` (Awin may have registered it).
	 */
	expect?: ShapeCheck;
	/** Named in errors, e.g. the date window of a windowed read. */
	context?: string;
}

/** @public */
export interface AwinResponse<T> {
	statusCode: number;
	body: T;
}

/** Network failures after which the request certainly did not reach Awin. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** 5xx answers that say the request was not processed, so even a write may be re-sent. */
const NOT_PROCESSED_STATUSES = new Set([500, 502, 503]);

export interface AwinClient {
	request<T = unknown>(request: AwinRequest): Promise<AwinResponse<T>>;
}

/** The credential a call uses: x-api-key calls follow the node's Credential choice. */
function credentialTypeFor(ctx: AwinContext, api: AwinApi): 'awinApi' | 'awinConversionApi' {
	if (api === 'bearer' || !('getInputData' in ctx)) return CREDENTIAL_TYPE[api];
	const choice = nodeParameter(ctx as IExecuteFunctions, 'authentication', 0, CREDENTIAL_TYPE[api]);
	return choice === 'awinApi' ? 'awinApi' : 'awinConversionApi';
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
	const credentialType = credentialTypeFor(ctx, api);
	const credentials = await ctx.getCredentials(credentialType);
	const secret = String(credentials.apiToken ?? credentials.apiKey ?? '');
	const secrets = credentialSecrets(credentialType, credentials);
	const redact = secretRedactor(secrets);
	const redactAnswer = answerRedactor(secrets, redact);
	// Awin's x-api-key is the personal token itself: with the Awin API credential, send it so.
	const apiKeyHeader =
		api !== 'bearer' && credentialType === 'awinApi' ? { 'x-api-key': secret } : undefined;
	const baseUrl = String(credentials.baseUrl || 'https://api.awin.com').replace(/\/+$/, '');
	const key = quotaKey(api, baseUrl, secret);
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	const maxTries = Math.max(1, Math.floor(settings.maxTries ?? retryPolicy.maxTries));

	const quotaList = (): Quota[] => {
		const list = [quotas[api]];
		if (settings.requestsPerMinute && settings.requestsPerMinute > 0) {
			list.push({ limit: Math.floor(settings.requestsPerMinute), windowMs: 60_000 });
		}
		return list;
	};

	const fail = (
		request: AwinRequest,
		message: string,
		description: string,
		httpCode?: number,
		extra: IDataObject = {},
	): NodeApiError => {
		const error = new NodeApiError(
			ctx.getNode(),
			redactDeep({ message, description, ...extra }, redact) as JsonObject,
			{ itemIndex: request.itemIndex },
		);
		// Set after construction: NodeApiError swaps a message that mentions a network code or an
		// HTTP status for a generic one of its own, which would hide what Awin said.
		error.message = redact(message);
		error.description = redact(description);
		error.httpCode = httpCode === undefined ? null : String(httpCode);
		return error;
	};

	const cancelled = () => new NodeOperationError(ctx.getNode(), 'The execution was cancelled');

	/** Waits for the quota or a back-off; a stop of the execution ends the wait at once. */
	const wait = async <R>(waiting: Promise<R>): Promise<R> => {
		try {
			return await waiting;
		} catch (error) {
			if (signal?.aborted) throw cancelled();
			throw new NodeOperationError(ctx.getNode(), error as Error);
		}
	};

	async function request<T>(req: AwinRequest): Promise<AwinResponse<T>> {
		const where = `${req.method} ${req.path}${req.context ? ` (${req.context})` : ''}`;
		// Public API calls also wait for Awin's burst (publicBudget.ts).
		const isPublic = req.path.startsWith(`${PUBLIC_API.prefix}/`);
		for (let attempt = 1; ; attempt++) {
			const burst = isPublic ? await wait(takeBurstSlot(key, signal)) : undefined;
			const slot =
				isPublic && !PUBLIC_API.sharesUserQuota
					? UNCOUNTED_SLOT
					: await wait(takeSlot(key, quotaList(), signal));
			const options: IHttpRequestOptions = {
				method: req.method,
				url: `${baseUrl}${req.path}`,
				qs: req.qs,
				body: req.body as IHttpRequestOptions['body'],
				json: true,
				// The answer as text: the secret check reads it before it is parsed (answerRedactor).
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: retryPolicy.requestTimeoutMs,
				...(apiKeyHeader ? { headers: apiKeyHeader } : {}),
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
				({ statusCode, headers } = response);
				// The one gate where Awin's answers enter the package: Awin may echo what it was sent,
				// so every secret of the credential leaves the body here, before any text is built from it.
				body = redactAnswer(response.body);
				slot.done();
				burst?.done(burstAnswer(headers, retryAfterMs(headers), statusCode, body));
			} catch (error) {
				slot.done();
				burst?.done();
				// n8n aborts the request itself when the execution is stopped.
				if (signal?.aborted) throw cancelled();
				const code = networkErrorCode(error);
				const notSent = NOT_SENT_CODES.has(code);
				if (attempt < maxTries && (notSent || req.idempotent)) {
					await wait(sleep(backoffMs(attempt), signal));
					continue;
				}
				const ambiguous = !notSent && !req.idempotent;
				throw fail(
					req,
					ambiguous
						? `The connection to Awin failed after the request was sent (${code}); Awin may or may not have processed it`
						: `Could not reach Awin (${code}) after ${tries(attempt)}`,
					ambiguous
						? `${where}: this call is not re-sent automatically because it could register the same data twice. Check in Awin before sending it again.`
						: `${where}: check the Base URL in the credential and the network between n8n and Awin.`,
					undefined,
					{ networkCode: code, ambiguous },
				);
			}

			const rateLimited = statusCode === 429 || isRateLimitBody(body);
			// Someone else spends this token too when Awin says 429: the process adapts its own rate
			// (a Public API 429 is its burst's, which the burst slot has taken in already).
			slot.answered(rateLimited && !isPublic, quotas[api], retryAfterMs(headers));
			const usedUp = isPublic ? usedUpQuota(statusCode, body, retryAfterMs(headers)) : undefined;
			if (usedUp)
				throw fail(req, usedUp.message, `${where}: ${describeBody(body)}. Not retried.`, 429, {
					awinCode: usedUp.code,
				});
			if (rateLimited) {
				if (attempt < maxTries) continue;
				throw fail(
					req,
					`Awin's rate limit was still exceeded after ${tries(attempt)}`,
					`${where}: ${describeBody(body) || 'too many requests'}. Awin allows ${quotas[api].limit} calls per ${quotas[api].windowMs / 1000} s per secret; lower "Max Requests per Minute" if n8n workers, other n8n instances or other tools use this secret too.`,
					429,
				);
			}

			if (statusCode >= 500) {
				const mayRetry = req.idempotent || NOT_PROCESSED_STATUSES.has(statusCode);
				if (attempt < maxTries && mayRetry) {
					await wait(sleep(backoffMs(attempt), signal));
					continue;
				}
				throw fail(
					req,
					`Awin answered ${statusCode} (server error)${mayRetry ? ` after ${tries(attempt)}` : ''}`,
					`${where}: ${describeBody(body) || 'no details'}${mayRetry ? '' : '. Awin may or may not have processed this call; it is not re-sent automatically.'}`,
					statusCode,
					{ ambiguous: !mayRetry },
				);
			}

			const wrongShape = statusCode >= 200 && statusCode < 300 ? req.expect?.(body) : undefined;
			if (wrongShape) {
				if (attempt < maxTries && req.idempotent) {
					await wait(sleep(backoffMs(attempt), signal));
					continue;
				}
				if (!req.idempotent) {
					// A write Awin may have carried out: re-sending could register it twice.
					throw fail(
						req,
						`Awin's answer to ${where} could not be read (${statusCode}): ${wrongShape}. What was sent may have been registered`,
						`${where}: ${describeBody(body) || 'an empty body'}. This call is not re-sent automatically because it could register the same data twice. Check in Awin before sending it again.`,
						statusCode,
						{ ambiguous: true },
					);
				}
				throw fail(
					req,
					`Awin's answer to ${where} was incomplete or not from Awin (${statusCode}, ${tries(attempt)}): ${wrongShape}`,
					`${where}: ${describeBody(body) || 'an empty body'}. Nothing of this answer was used, so no rows are missing silently; run again, and check any proxy between n8n and Awin if it repeats.`,
					statusCode,
				);
			}

			if ((statusCode >= 200 && statusCode < 300) || req.acceptStatus?.includes(statusCode)) {
				return { statusCode, body: body as T };
			}

			// A Public API 403 is about the account or role of the item the call is for (items may
			// name different accounts): it names that item first, as a refused parameter does.
			const headline = clientErrorMessage(statusCode, body);
			throw fail(
				req,
				isPublic && statusCode === 403 && req.itemIndex !== undefined
					? `Item ${req.itemIndex}: ${headline}`
					: headline,
				`${where}: ${describeBody(body) || 'no details'}`,
				statusCode,
			);
		}
	}

	return { request };
}

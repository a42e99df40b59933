/**
 * Serves a workflow's webhook trigger on 127.0.0.1 the way n8n's production webhook path does
 * (packages/cli live-webhooks.ts + webhook-helpers.ts, n8n 2.41), so tests send real HTTP requests:
 *
 * 1. the request is read like n8n's rawBodyReader + parseBody: `rawBody` kept, the body parsed
 *    by content type (application/json -> JSON, x-www-form-urlencoded -> querystring with
 *    maxKeys 1000, text/plain -> string; bad JSON -> 422 before the node runs), `query` parsed
 *    like express 5's simple parser (node:querystring);
 * 2. the node's `webhook()` runs in n8n-core's real `WebhookContext`;
 * 3. the answer follows n8n's rules for responseMode onReceived: the node answered itself
 *    (`noWebhookResponse`), or no `workflowData` (answer `webhookResponse`, start nothing), or an
 *    execution starts and the caller gets `webhookResponse` at once;
 * 4. the workflow's static data is saved after the answer when the node changed it;
 * 5. a started execution runs in WorkflowExecute from the trigger with the items it emitted.
 */
import './env.ts';

import { request as httpRequest, createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import type {
	IDataObject,
	INode,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
} from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';

import type { TestCredentials } from './credentials.ts';
import { additionalData, buildWorkflow, runWorkflow } from './engine.ts';
import type { OutputItem, RunResult, WorkflowJson } from './engine.ts';
import { nodeTypes } from './package.ts';

/** n8n's default N8N_PAYLOAD_SIZE_MAX (MiB). */
const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

export interface WebhookCall {
	status: number;
	/** The answer's body, parsed when it is JSON. */
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	/** Whether n8n would start an execution for this request. */
	started: boolean;
	/** The items the trigger emitted (its first output), empty when nothing started. */
	items: OutputItem[];
	/** The execution, when one started. */
	run?: RunResult;
	/** Set when the node's webhook() threw (n8n answers 500 and starts an execution that fails). */
	crashed?: string;
}

export interface SendOptions {
	headers?: Record<string, string>;
	body?: string | Buffer;
}

export interface WebhookEndpoint {
	/** The production URL, as n8n shows it: <base>/webhook/<webhookId>/<path>. */
	url: string;
	/** The workflow's static data as n8n would have stored it. */
	staticData: IDataObject;
	/** Every answered request, in order. */
	calls: WebhookCall[];
	send(method: string, pathAndQuery?: string, options?: SendOptions): Promise<WebhookCall>;
	close(): Promise<void>;
}

type N8nRequest = IncomingMessage & {
	query: unknown;
	params: Record<string, string>;
	body?: unknown;
	contentType?: string;
	encoding: BufferEncoding;
	rawBody: Buffer;
};

class PayloadError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

async function readRawBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > N8N_PAYLOAD_SIZE_MAX) throw new PayloadError(413, 'request entity too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** n8n's parseIncomingMessage + parseBody for a webhook request. */
async function asN8nRequest(req: IncomingMessage, search: string): Promise<N8nRequest> {
	const n8nReq = req as N8nRequest;
	const [type, ...parameters] = (req.headers['content-type'] ?? '').split(';');
	n8nReq.contentType = type.trim().toLowerCase() || undefined;
	const charset = parameters
		.map((p) => p.trim().split('='))
		.find(([k]) => k.toLowerCase() === 'charset')?.[1];
	n8nReq.encoding = (charset?.toLowerCase() as BufferEncoding | undefined) ?? 'utf-8';
	n8nReq.query = parseQueryString(search.replace(/^\?/, ''));
	n8nReq.params = {};
	n8nReq.rawBody = await readRawBody(req);
	const text = n8nReq.rawBody.toString(
		Buffer.isEncoding(n8nReq.encoding) ? n8nReq.encoding : 'utf-8',
	);
	if (n8nReq.rawBody.length > 0) {
		try {
			if (n8nReq.contentType === 'application/json') n8nReq.body = jsonParse(text);
			else if (n8nReq.contentType === 'application/x-www-form-urlencoded') {
				n8nReq.body = { ...parseQueryString(text, undefined, undefined, { maxKeys: 1000 }) };
			} else if (n8nReq.contentType === 'text/plain') n8nReq.body = text;
		} catch (error) {
			throw new PayloadError(422, `Failed to parse request body: ${(error as Error).message}`);
		}
	}
	return n8nReq;
}

function sendJson(res: ServerResponse, status: number, data: unknown): void {
	if (res.headersSent) return;
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(data));
}

/**
 * Starts serving `workflow`'s trigger node (by default the first node with a webhook).
 * Static data persists across requests like the workflow's row in n8n's database.
 */
export async function startWebhookEndpoint(
	workflow: WorkflowJson,
	options: { trigger?: string; webhookId?: string; credentials?: TestCredentials } = {},
): Promise<WebhookEndpoint> {
	const triggerNode = workflow.nodes.find((node) =>
		options.trigger ? node.name === options.trigger : nodeTypes[node.type]?.webhook !== undefined,
	);
	if (!triggerNode) throw new Error('The workflow has no webhook trigger of this package');
	const nodeType = nodeTypes[triggerNode.type];
	const webhookId =
		options.webhookId ?? triggerNode.webhookId ?? 'a1b2c3d4-0000-4000-8000-000000000001';
	const node: INode = { ...triggerNode, webhookId };
	const json: WorkflowJson = {
		...workflow,
		nodes: workflow.nodes.map((n) => (n === triggerNode ? node : n)),
	};

	// Copied as JSON, like a database row: n8n's Workflow wraps static data in proxies in place.
	const copy = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;
	let staticData: IDataObject = copy(workflow.staticData ?? {});
	const calls: WebhookCall[] = [];
	// Each request comes on its own connection; the client's port pairs the server's record
	// of a call with the answer the client read.
	const pending = new Map<
		number,
		{ promise: Promise<WebhookCall>; resolve: (call: WebhookCall) => void }
	>();
	const deferredFor = (port: number) => {
		let entry = pending.get(port);
		if (!entry) {
			let resolve: (call: WebhookCall) => void = () => {};
			const promise = new Promise<WebhookCall>((r) => (resolve = r));
			entry = { promise, resolve };
			pending.set(port, entry);
		}
		return entry;
	};

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<WebhookCall> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const description = nodeType.description.webhooks?.find(
			(w) =>
				w.httpMethod === req.method && url.pathname === `/webhook/${webhookId}/${String(w.path)}`,
		);
		if (!description) {
			req.resume();
			sendJson(res, 404, { message: 'The requested webhook is not registered.' });
			return { status: 404, body: undefined, headers: {}, started: false, items: [] };
		}

		let n8nReq: N8nRequest;
		try {
			n8nReq = await asN8nRequest(req, url.search);
		} catch (error) {
			const status = error instanceof PayloadError ? error.status : 400;
			sendJson(res, status, {
				code: status,
				message: status === 422 ? 'Failed to parse request body' : (error as Error).message,
			});
			return { status, body: undefined, headers: {}, started: false, items: [] };
		}

		// As LiveWebhooks: the workflow (and its static data) is loaded afresh for every request.
		const wf = buildWorkflow({ ...json, staticData: copy(staticData) });
		const hooks = new ExecutionLifecycleHooks('webhook', '1', {
			...json,
			id: 'test',
		} as unknown as IWorkflowBase);
		const data = additionalData(options.credentials ?? {}, hooks);
		data.httpRequest = n8nReq as never;
		data.httpResponse = res as never;
		const webhookData: IWebhookData = {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: `${webhookId}/${String(description.path)}`,
			webhookDescription: description,
			workflowId: 'test',
			workflowExecuteAdditionalData: data,
			webhookId,
		};
		const context = new WebhookContext(
			wf,
			wf.getNode(node.name)!,
			data,
			'webhook',
			webhookData,
			[],
			null,
		);

		let result: IWebhookResponseData;
		let crashed: string | undefined;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			// n8n: "Workflow Webhook Error: Workflow could not be started!" and an execution that fails.
			crashed = (error as Error).stack ?? String(error);
			sendJson(res, 500, {
				code: 0,
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
			result = { noWebhookResponse: true, workflowData: [[{ json: {} }]] };
		}

		const started = result.workflowData !== undefined;
		if (result.noWebhookResponse !== true) {
			const body = result.webhookResponse ?? {
				message: started ? 'Workflow was started' : 'Webhook call received',
			};
			sendJson(res, Number(description.responseCode ?? 200), body);
		}
		if (!res.writableEnded) {
			// A node that claims to answer must answer; n8n would leave Awin hanging.
			throw new Error('The node returned noWebhookResponse without answering the request');
		}
		// As LiveWebhooks' response callback: save static data if it changed.
		if ((wf.staticData as IDataObject & { __dataChanged?: boolean }).__dataChanged) {
			staticData = copy(wf.staticData);
		}

		const call: WebhookCall = {
			status: res.statusCode,
			body: undefined,
			headers: {},
			started,
			items: [],
			crashed,
		};
		if (started && !crashed) {
			call.run = await runWorkflow(
				{ ...json, staticData: copy(staticData) },
				{ start: { node: node.name, items: result.workflowData![0] ?? [] }, mode: 'webhook' },
			);
			call.items = call.run.output(node.name);
		}
		return call;
	}

	const server: Server = createServer((req, res) => {
		const { resolve } = deferredFor(req.socket.remotePort ?? 0);
		handle(req, res).then(resolve, (error: Error) => {
			sendJson(res, 599, { harnessError: error.message });
			resolve({
				status: 599,
				body: undefined,
				headers: {},
				started: false,
				items: [],
				crashed: error.stack,
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const base = `http://127.0.0.1:${port}`;

	const endpoint: WebhookEndpoint = {
		url: `${base}/webhook/${webhookId}/webhook`,
		get staticData() {
			return staticData;
		},
		calls,
		async send(method, pathAndQuery = '', sendOptions = {}) {
			const target = new URL(
				pathAndQuery.startsWith('/') ? `${base}${pathAndQuery}` : `${endpoint.url}${pathAndQuery}`,
			);
			const headers: OutgoingHttpHeaders = { ...sendOptions.headers };
			if (sendOptions.body !== undefined)
				headers['content-length'] = Buffer.byteLength(sendOptions.body);
			let localPort = 0;
			const answer = await new Promise<{
				status: number;
				text: string;
				headers: WebhookCall['headers'];
			}>((resolve, reject) => {
				const req = httpRequest(target, { method, headers, agent: false }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							text: Buffer.concat(chunks).toString('utf8'),
							headers: res.headers,
						}),
					);
				});
				req.on('error', reject);
				req.on('socket', (socket) =>
					socket.on('connect', () => (localPort = socket.localPort ?? 0)),
				);
				req.end(sendOptions.body);
			});
			const call = await deferredFor(localPort).promise;
			pending.delete(localPort);
			let body: unknown = answer.text;
			try {
				body = JSON.parse(answer.text);
			} catch {
				// not JSON: keep the text
			}
			const finished: WebhookCall = {
				...call,
				status: answer.status,
				body,
				headers: answer.headers,
			};
			calls.push(finished);
			return finished;
		},
		async close() {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return endpoint;
}

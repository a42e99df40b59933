/**
 * Partnerships in a real n8n: Approve Application as a user runs it, and the Awin node as a tool of
 * n8n's AI Agent, whose OpenAI Chat Model points (Base URL in its credential) at a small local
 * OpenAI-compatible stub started here: no network. The stub plays the model: it asks for the Awin
 * tool with chosen arguments, then answers with what the tool returned. Checked: `$fromAI` values
 * reach the node's parameters (the sandbox sees them), the tool's schema carries what each
 * parameter means, and no value a model fills in sends a request anywhere but the credential's host.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SANDBOX_SECRETS } from '../sandbox/server.ts';
import type { AwinSandbox } from '../sandbox/server.ts';
import { partnerships, resetPartnerships } from '../sandbox/routes/partnerships.ts';
import { check } from './checks.ts';
import { outputOf } from './n8n.ts';
import type { N8nRest, SavedExecution } from './n8n.ts';
import type { Credentials } from './workflows.ts';

/** n8n 2.41.1's AI nodes (@n8n/n8n-nodes-langchain): the AI Agent and the OpenAI Chat Model. */
const AGENT = { type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1 };
// 1.2: Chat Completions (1.3 may use OpenAI's Responses API, which the stub does not speak).
const CHAT_MODEL = { type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1.2 };

interface ChatRequest {
	messages: Array<{ role: string; content?: unknown; tool_calls?: unknown }>;
	tools?: Array<{
		type: string;
		function: {
			name: string;
			description?: string;
			parameters?: { properties?: Record<string, { description?: string }> };
		};
	}>;
	stream?: boolean;
}

interface Listening {
	url: string;
	requests: Array<{ path: string; body: unknown }>;
	close(): Promise<void>;
}

async function listen(
	handle: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<Listening> {
	const requests: Array<{ path: string; body: unknown }> = [];
	const server = createServer((req, res) => {
		let text = '';
		req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		req.on('end', () => {
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Not JSON.
			}
			requests.push({ path: req.url ?? '', body });
			handle(req, text, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** One chat completion, plain or streamed as Server-Sent Events. */
function answer(
	res: ServerResponse,
	stream: boolean,
	message: { content: string | null; tool_calls?: unknown[] },
): void {
	const base = { id: 'chatcmpl-stub', created: 0, model: 'stub-model', object: 'chat.completion' };
	const finish = message.tool_calls ? 'tool_calls' : 'stop';
	if (!stream) {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				...base,
				choices: [{ index: 0, finish_reason: finish, message: { role: 'assistant', ...message } }],
				usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
			}),
		);
		return;
	}
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	const delta = message.tool_calls
		? {
				role: 'assistant',
				content: null,
				tool_calls: (message.tool_calls as Array<Record<string, unknown>>).map((call, index) => ({
					index,
					...call,
				})),
			}
		: { role: 'assistant', content: message.content };
	res.write(
		`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`,
	);
	res.write(
		`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`,
	);
	res.end('data: [DONE]\n\n');
}

/**
 * The model: first turn, call the first tool offered with `toolArgs`; once a tool answered, reply
 * with that answer's text, so the agent's output shows what the tool returned.
 */
async function startModelStub(toolArgs: () => Record<string, unknown>): Promise<Listening> {
	return await listen((req, _text, res) => {
		if (!req.url?.endsWith('/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `stub: no ${req.url}` } }));
			return;
		}
		const body = JSON.parse(_text) as ChatRequest;
		const toolAnswer = body.messages.find((m) => m.role === 'tool');
		if (toolAnswer) {
			answer(res, body.stream === true, {
				content: `The tool said: ${String(toolAnswer.content)}`,
			});
			return;
		}
		const tool = body.tools?.[0]?.function.name ?? 'missing_tool';
		answer(res, body.stream === true, {
			content: null,
			tool_calls: [
				{
					id: 'call_1',
					type: 'function',
					function: { name: tool, arguments: JSON.stringify(toolArgs()) },
				},
			],
		});
	});
}

const STATUS_HELP =
	'Partnership statuses, comma-separated: APPLICATION_PENDING lists publishers waiting for an answer';
const ACCOUNT_HELP = 'The Awin advertiser account ID (a number)';

function agentWorkflow(
	credentials: Credentials,
	openAi: { id: string; name: string },
): Record<string, unknown> {
	return {
		name: 'e2e: AI Agent with the Awin tool',
		active: false,
		// As the editor saves a new workflow; the agent's tool round trip needs it.
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'agent',
				name: 'AI Agent',
				...AGENT,
				position: [300, 0],
				parameters: {
					promptType: 'define',
					text: 'Which publishers are waiting for an answer to their application?',
					options: {},
				},
			},
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				...CHAT_MODEL,
				position: [200, 200],
				parameters: { model: { __rl: true, mode: 'id', value: 'stub-model' }, options: {} },
				credentials: { openAiApi: openAi },
			},
			{
				id: 'awin',
				name: 'Awin',
				type: 'n8n-nodes-awin.awinTool',
				typeVersion: 1.1,
				position: [400, 200],
				parameters: {
					resource: 'partnership',
					operation: 'getMany',
					accountType: 'advertiser',
					advertiserId: {
						__rl: true,
						mode: 'id',
						value: `={{ $fromAI('advertiserId', '${ACCOUNT_HELP}', 'string') }}`,
					},
					partnershipStatuses: `={{ $fromAI('partnershipStatuses', '${STATUS_HELP}', 'string') }}`,
					limit: 50,
				},
				credentials: { awinApi: credentials.awinApi },
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			Awin: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

async function run(rest: N8nRest, workflow: Record<string, unknown>): Promise<SavedExecution> {
	const saved = await rest.createWorkflow(workflow);
	return await rest.execution(await rest.runManually(saved.id, 'Start'));
}

export async function partnershipChecks(
	rest: N8nRest,
	sb: AwinSandbox,
	credentials: Credentials,
): Promise<void> {
	await check(
		'Partnership > Approve Application approves an application in a real n8n',
		async () => {
			sb.reset();
			resetPartnerships(sb);
			const execution = await run(rest, {
				name: 'e2e: approve an application',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						id: 'start',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'awin',
						name: 'Awin',
						type: 'n8n-nodes-awin.awin',
						typeVersion: 1.1,
						position: [200, 0],
						parameters: {
							resource: 'partnership',
							operation: 'approveApplication',
							advertiserId: { __rl: true, mode: 'id', value: '10001' },
							partnerPublisherId: '30002',
							message: 'Welcome to our programme!',
						},
						credentials: { awinApi: credentials.awinApi },
					},
				],
				connections: { Start: { main: [[{ node: 'Awin', type: 'main', index: 0 }]] } },
			});
			assert.equal(
				execution.status,
				'success',
				JSON.stringify(execution.data.resultData.error ?? {}),
			);
			const [call] = sb.requestsTo(/approve-application$/, 'POST');
			assert.equal(call?.path, '/public/v1/advertisers/10001/publishers/30002/approve-application');
			assert.deepEqual(call.body, { message: 'Welcome to our programme!' });
			assert.equal(call.status, 200);
			assert.deepEqual(
				outputOf(execution, 'Awin').map((i) => i.json.status),
				['approved'],
			);
			assert.equal(
				partnerships(sb).find((p) => p.advertiser.id === 10001 && p.publisher.id === 30002)
					?.partnership.status,
				'ACTIVE',
			);
			assert.ok(
				!execution.raw.includes(SANDBOX_SECRETS.apiToken),
				'the token is stored in the execution',
			);
		},
	);

	let toolArgs: Record<string, unknown> = {};
	const model = await startModelStub(() => toolArgs);
	const elsewhere = await listen((_req, _body, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('[]');
	});
	try {
		const openAi = await rest.createCredential('OpenAI (local stub)', 'openAiApi', {
			apiKey: 'sk-local-stub',
			url: `${model.url}/v1`,
			header: false,
		});

		await check(
			'AI Agent calls the Awin tool (Partnership > Get Many): $fromAI values reach the node, its schema explains each parameter',
			async () => {
				sb.reset();
				resetPartnerships(sb);
				toolArgs = { advertiserId: '10001', partnershipStatuses: 'APPLICATION_PENDING' };
				const execution = await run(rest, agentWorkflow(credentials, openAi));
				assert.equal(
					execution.status,
					'success',
					JSON.stringify(execution.data.resultData.error ?? {}),
				);

				const [first] = model.requests.slice(-2).map((r) => r.body as ChatRequest);
				const tool = first.tools?.[0]?.function;
				assert.ok(tool, 'the model was offered no tool');
				assert.match(
					tool.description ?? '',
					/partnerships/i,
					`tool description: ${tool.description}`,
				);
				assert.equal(tool.parameters?.properties?.partnershipStatuses?.description, STATUS_HELP);
				assert.equal(tool.parameters?.properties?.advertiserId?.description, ACCOUNT_HELP);

				const calls = sb.requestsTo(/^\/public\/v1\/advertisers\/10001\/publishers$/, 'GET');
				assert.equal(calls.length, 1, 'the tool called Awin once');
				assert.equal(calls[0].query.partnershipStatus, 'APPLICATION_PENDING');

				const reply = String(outputOf(execution, 'AI Agent')[0]?.json.output ?? '');
				const seen = () =>
					`${reply.slice(0, 300)}; model saw ${JSON.stringify(model.requests.slice(-1)[0]?.body).slice(0, 1500)}; Awin ran ${JSON.stringify(execution.data.resultData.runData.Awin ?? null).slice(0, 800)}`;
				for (const name of ['Voucher Vault', 'Travel Blog Co', 'Coupon Corner'])
					assert.ok(reply.includes(name), `the answer lacks ${name}: ${seen()}`);
				assert.ok(
					!execution.raw.includes(SANDBOX_SECRETS.apiToken),
					'the token is stored in the execution',
				);
				console.log(`        the agent answered: ${reply.slice(0, 140)}…`);
			},
		);

		await check(
			"no value the model fills in sends the request to another host than the credential's",
			async () => {
				const hostile = [
					`${elsewhere.url}/steal`,
					'10001/../../../accounts',
					`10001@${elsewhere.url.replace('http://', '')}`,
					'//127.0.0.1/x',
				];
				for (const advertiserId of hostile) {
					sb.reset();
					toolArgs = { advertiserId, partnershipStatuses: 'APPLICATION_PENDING' };
					const execution = await run(rest, agentWorkflow(credentials, openAi));
					const toolAnswer = (model.requests.at(-1)?.body as ChatRequest).messages.find(
						(m) => m.role === 'tool',
					);
					const said = String(
						toolAnswer?.content ?? execution.data.resultData.error?.message ?? '',
					);
					assert.match(
						said,
						/must be an Awin account ID/,
						`for ${advertiserId}: ${said.slice(0, 300)} ${JSON.stringify(execution.data.resultData.runData.Awin ?? null).slice(0, 800)}`,
					);
					assert.deepEqual(
						sb.requests.map((r) => r.path),
						[],
						`for ${advertiserId} the sandbox got a request`,
					);
				}
				assert.deepEqual(elsewhere.requests, [], 'a request reached another host');
			},
		);
	} finally {
		await model.close();
		await elsewhere.close();
	}
}

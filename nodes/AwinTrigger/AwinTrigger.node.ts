import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { MIN_TRIGGER_SECRET_LENGTH } from '../../credentials/AwinTriggerSecretApi.credentials';
import { readCollection, readOption } from '../shared/params';

import {
	parseConversionBatch,
	parseTransactionNotification,
	seenBefore,
	splitBatch,
	wholeBatch,
} from './parse';
import type { IncomingRequest, JsonObject, Rejection } from './request';
import { checkBody, checkToken } from './request';
import { answer, awinTriggerSecretTest, triggerSecret, visibleHeaders } from './webhook';

const TRIGGER_EVENTS = ['conversionBatch', 'transactionNotification'] as const;
type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

interface TriggerOptions {
	ignoreDuplicates?: boolean;
	includeHeaders?: boolean;
	splitOrders?: boolean;
}

/** Where the duplicate filter keeps the ids it has seen, per event, in the node's static data. */
const MEMORY_KEY: Record<TriggerEvent, string> = {
	conversionBatch: 'seenBatchIds',
	transactionNotification: 'seenTransactionIds',
};

export class AwinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Awin Trigger',
		name: 'awinTrigger',
		icon: { light: 'file:../../icons/awin.svg', dark: 'file:../../icons/awin.dark.svg' },
		group: ['trigger'],
		// 2: the secret lives in a credential (or "None" is chosen explicitly); 1 kept it as a parameter.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{$parameter["event"] === "conversionBatch" ? "Conversion batch processed" : "Transaction notification"}}',
		description:
			'Starts the workflow when Awin reports a new transaction or the result of a conversion batch',
		defaults: { name: 'Awin Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'awinTriggerSecretApi',
				required: true,
				testedBy: 'awinTriggerSecretTest',
				displayOptions: { show: { authentication: ['secretToken'] }, hide: { '@version': [1] } },
			},
		],
		// Awin's transaction notifications come by GET or POST (a setting in Awin), the
		// conversion notifier by POST: both methods listen on the same URL.
		webhooks: [
			// responseData '' (not absent): n8n's default for absent is the literal text
			// 'firstEntryJson'; an empty value makes it answer with this node's webhookResponse.
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"In Awin, open <b>Toolbox > Transaction Notifications</b> and paste this node's Production URL with <code>?token=</code> and your Secret Token added. For GET, append the macros you need, each on its own, e.g. <code>&transactionId=!!!transactionId!!!</code> <code>&commission=!!!commission!!!</code> <code>&clickRef=!!!clickRef!!!</code> (full list in docs/triggers.md). For POST nothing else is needed. Activate the workflow first.",
				name: 'transactionNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['transactionNotification'] } },
			},
			{
				displayName:
					"Put this node's Production URL with <code>?token=</code> and your Secret Token added (e.g. <code>https://your-n8n/webhook/…/webhook?token=SECRET</code>) in the <b>Webhook URL</b> option of Awin > Conversion > Create Orders, or in the <code>webhook.url</code> of your own Conversion API calls. Activate the workflow first.",
				name: 'conversionNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['conversionBatch'] } },
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Conversion Batch Processed',
						value: 'conversionBatch',
						description:
							'Advertisers: Awin finished a batch sent to the Conversion API and reports which orders were registered, pending or failed',
					},
					{
						name: 'Transaction Notification',
						value: 'transactionNotification',
						description:
							'Publishers: Awin tracked a new transaction (Toolbox > Transaction Notifications)',
					},
				],
				default: 'transactionNotification',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Secret Token (Credential)',
						value: 'secretToken',
						description: `Requests must carry the credential's secret (at least ${MIN_TRIGGER_SECRET_LENGTH} characters) as ?token= or an x-awin-token header`,
					},
					{
						name: 'None (Anyone Who Knows the URL Can Start This Workflow)',
						value: 'none',
						description: 'No check at all: only for trying things out',
					},
				],
				default: 'secretToken',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
			},
			{
				// Where n8n's editor shows the credential field: below Authentication, which it
				// depends on (without this n8n puts it above).
				displayName: '',
				name: 'credentials',
				type: 'credentials',
				default: '',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
			},
			{
				displayName:
					'Without authentication anyone who learns this URL (from a log, a proxy, a screenshot) can start this workflow with made-up transactions. Choose Secret Token for production.',
				name: 'noAuthenticationNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'], '@version': [{ _cnd: { gte: 2 } }] } },
			},
			{
				displayName: 'Secret Token',
				name: 'secretToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'When set, a request must carry this value as ?token= in the URL (or in an x-awin-token header), otherwise it is refused with 401 and starts nothing. Use a long random value.',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Ignore Duplicates',
						name: 'ignoreDuplicates',
						type: 'boolean',
						default: true,
						description:
							'Whether to skip a transaction (same transaction ID) or batch (same batch ID) this trigger already received. It remembers the last 1000.',
					},
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request headers to each item (without the token, cookies or authorization)',
					},
					{
						displayName: 'Split Orders',
						name: 'splitOrders',
						type: 'boolean',
						default: true,
						displayOptions: { show: { '/event': ['conversionBatch'] } },
						description:
							'Whether to output one item per order with its status (successful, pending, failed), code and message, instead of one item per batch',
					},
				],
			},
		],
	};

	methods = { credentialTest: { awinTriggerSecretTest } };

	webhookMethods = {
		default: {
			// Awin has no API to register these callbacks: the user pastes the URL into Awin
			// (Toolbox > Transaction Notifications, or the orders' webhook URL). Nothing to create
			// or delete on Awin's side, so activation always succeeds.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Activation is where a too-short secret is refused, before any push can arrive.
				await triggerSecret(this);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const event = readOption(this, 'event', 'Event', TRIGGER_EVENTS, 0, 'transactionNotification');
		let secret: string;
		try {
			secret = await triggerSecret(this);
		} catch (error) {
			return answer(res, 500, { error: (error as Error).message });
		}
		const options = readCollection(this, 'options', 'Options', 0) as TriggerOptions;

		const request: IncomingRequest = {
			method: req.method,
			headers: req.headers,
			query: req.query,
			body: req.body as unknown,
			rawBody: req.rawBody,
		};

		// Size and UTF-8 here; the parsers refuse a body nested deeper than MAX_NESTING.
		const refusal: Rejection | undefined = checkToken(secret, request) ?? checkBody(request);
		if (refusal) return answer(res, refusal.status, { error: refusal.reason });

		let key: string;
		let items: JsonObject[];
		try {
			if (event === 'conversionBatch') {
				const parsed = parseConversionBatch(request);
				if (!parsed.ok) return answer(res, parsed.status, { error: parsed.reason });
				key = parsed.value.batchId;
				items =
					options.splitOrders === false ? [wholeBatch(parsed.value)] : splitBatch(parsed.value);
			} else {
				const parsed = parseTransactionNotification(request);
				if (!parsed.ok) return answer(res, parsed.status, { error: parsed.reason });
				key = parsed.value.transactionId;
				const { fields, warnings } = parsed.value;
				items = [warnings.length > 0 ? { ...fields, parseWarnings: warnings } : fields];
			}
		} catch (error) {
			// The parsers are meant never to throw; if one does, Awin gets a 500 (and may retry)
			// rather than n8n starting an execution that fails on an empty item.
			return answer(res, 500, {
				error: `Could not read the notification: ${(error as Error).message}`,
			});
		}

		// Absent options behave as their defaults in the editor: duplicates are ignored unless turned off.
		if (options.ignoreDuplicates ?? true) {
			const memory = this.getWorkflowStaticData('node');
			const seen = Array.isArray(memory[MEMORY_KEY[event]])
				? [...(memory[MEMORY_KEY[event]] as string[])]
				: [];
			const duplicate = seenBefore(seen, key);
			// Assigned (not pushed in place) so that n8n notices the change and saves it.
			memory[MEMORY_KEY[event]] = seen;
			if (duplicate) return { webhookResponse: { received: true, duplicate: true } };
		}

		if (items.length === 0) return { webhookResponse: { received: true, items: 0 } };
		if (options.includeHeaders) {
			const headers = visibleHeaders(request.headers);
			items = items.map((item) => ({ ...item, headers }));
		}
		return {
			webhookResponse: { received: true, items: items.length },
			workflowData: [this.helpers.returnJsonArray(items as IDataObject[])],
		};
	}
}

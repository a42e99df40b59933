/**
 * Turns an example workflow (as users import it) into one that runs unattended in the e2e n8n:
 * our nodes get the sandbox credentials; other packages' nodes that need an outside service are
 * replaced by No Operation nodes of the same name (so connections stay), each with a printed reason;
 * the start node runs from the example's pinned data, a fixture, or as a manual/schedule trigger.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_ACCOUNTS } from '../sandbox/routes/accounts.ts';
import { ROOT } from './host.ts';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	disabled?: boolean;
	onError?: string;
}

export interface WorkflowJson {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main?: Array<Array<{ node: string; type: string; index: number }> | null> }
	>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, Array<{ json: Record<string, unknown> }>>;
	[key: string]: unknown;
}

/** n8n core nodes that run offline, needing no account: they run for real in the e2e n8n. */
const OFFLINE_NODES = new Set(
	[
		'aggregate',
		'code',
		'compareDatasets',
		'crypto',
		'dateTime',
		'filter',
		'if',
		'itemLists',
		'limit',
		'manualTrigger',
		'merge',
		'noOp',
		'removeDuplicates',
		'renameKeys',
		'scheduleTrigger',
		'set',
		'sort',
		'splitInBatches',
		'splitOut',
		'stickyNote',
		'summarize',
		'switch',
		'respondToWebhook',
		'executionData',
		'stopAndError',
		'html',
		'xml',
		'markdown',
	].map((name) => `n8n-nodes-base.${name}`),
);

/** Triggers that a manual run starts by themselves (no outside event needed). */
const SELF_STARTING = new Set(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger']);

export interface Credentials {
	awinApi: { id: string; name: string };
	awinConversionApi: { id: string; name: string };
}

export interface PreparedExample {
	workflow: WorkflowJson;
	/** The node the run starts from. */
	start: WorkflowNode;
	/** How the start node gets its data. */
	startMode: 'manual' | 'pinned' | 'awinTrigger';
	/** Nodes of other packages replaced by No Operation, with why. */
	replaced: Array<{ name: string; type: string; reason: string }>;
	/** Our nodes in the workflow. */
	ours: WorkflowNode[];
	/** Account pickers the example leaves for the user to fill, filled with a sandbox account. */
	filled: Array<{ node: string; parameter: string; value: string }>;
}

/**
 * An example leaves its account pickers (resource locators named advertiserId / publisherId) empty
 * for the user to choose; here they get the sandbox's first account of that side, as a user would pick.
 */
function fillAccountPickers(node: WorkflowNode, filled: PreparedExample['filled']): WorkflowNode {
	const parameters = { ...node.parameters };
	for (const [name, side] of [
		['advertiserId', 'advertiser'],
		['publisherId', 'publisher'],
	] as const) {
		const locator = parameters[name] as { __rl?: boolean; value?: unknown } | undefined;
		if (!locator?.__rl || (locator.value !== '' && locator.value !== undefined)) continue;
		const account = SANDBOX_ACCOUNTS.find((a) => a.accountType === side);
		if (!account) continue;
		parameters[name] = { __rl: true, mode: 'id', value: String(account.accountId) };
		filled.push({ node: node.name, parameter: name, value: String(account.accountId) });
	}
	return { ...node, parameters };
}

export function loadExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
}

function hasIncoming(workflow: WorkflowJson, name: string): boolean {
	return Object.values(workflow.connections).some((outputs) =>
		(outputs.main ?? []).some((targets) => (targets ?? []).some((target) => target.node === name)),
	);
}

/** Credentials our nodes use: the action node by resource (as Awin.node.ts shows them), others by what they name. */
function credentialsFor(node: WorkflowNode, credentials: Credentials): WorkflowNode['credentials'] {
	if (node.type.endsWith('.awin')) {
		// Version 1 sends orders with the Conversion API credential; 1.1 with Awin API unless told otherwise.
		const orders = ['conversion', 'proofOfPurchase'].includes(String(node.parameters.resource));
		const separateKey =
			node.typeVersion < 1.1 || node.parameters.authentication === 'awinConversionApi';
		return orders && separateKey
			? { awinConversionApi: credentials.awinConversionApi }
			: { awinApi: credentials.awinApi };
	}
	if (!node.credentials) return undefined;
	return Object.fromEntries(
		Object.keys(node.credentials)
			.filter((type): type is keyof Credentials => type in credentials)
			.map((type) => [type, credentials[type]]),
	);
}

/**
 * Returns the prepared workflow, or a reason why it cannot run here (a trigger of another service
 * with no sample data).
 */
export function prepareExample(
	example: WorkflowJson,
	fileName: string,
	packageName: string,
	credentials: Credentials,
): PreparedExample | { skip: string } {
	const workflow = structuredClone(example);
	const replaced: PreparedExample['replaced'] = [];
	const ours: WorkflowNode[] = [];
	const filled: PreparedExample['filled'] = [];

	// Sample input for a start node: the example's own pin data, else test/e2e/inputs/<example>.json.
	const fixtureFile = path.join(ROOT, 'test', 'e2e', 'inputs', fileName);
	const fixture = existsSync(fixtureFile)
		? (JSON.parse(readFileSync(fixtureFile, 'utf8')) as WorkflowJson['pinData'])
		: {};
	workflow.pinData = { ...(workflow.pinData ?? {}), ...fixture };

	const starts = workflow.nodes.filter(
		(node) =>
			!node.disabled &&
			node.type !== 'n8n-nodes-base.stickyNote' &&
			!hasIncoming(workflow, node.name) &&
			workflow.connections[node.name],
	);
	const start =
		starts.find((node) => workflow.pinData?.[node.name]) ??
		starts.find((node) => SELF_STARTING.has(node.type)) ??
		starts.find((node) => node.type === `${packageName}.awinTrigger`);
	if (!start) {
		const names = starts.map((n) => `${n.name} (${n.type})`).join(', ') || 'none';
		return {
			skip: `no start node can run unattended (start nodes: ${names}); pin sample data on the trigger in the example or add test/e2e/inputs/${fileName}`,
		};
	}
	const startMode: PreparedExample['startMode'] = workflow.pinData?.[start.name]
		? 'pinned'
		: start.type === `${packageName}.awinTrigger`
			? 'awinTrigger'
			: 'manual';

	workflow.nodes = workflow.nodes.map((node) => {
		if (node.type.startsWith(`${packageName}.`)) {
			const prepared = {
				...fillAccountPickers(node, filled),
				credentials: credentialsFor(node, credentials),
			};
			if (node.type.endsWith('Trigger') && !prepared.webhookId) prepared.webhookId = randomUUID();
			ours.push(prepared);
			return prepared;
		}
		if (node === start) {
			// Pinned data stands in for the event; the node itself does not run, so it needs no account.
			const { credentials: _unused, ...rest } = node;
			void _unused;
			return rest;
		}
		if (OFFLINE_NODES.has(node.type) && !node.credentials) return node;
		const reason = node.credentials
			? `needs a ${Object.keys(node.credentials).join('/')} account`
			: `${node.type} is not run offline here`;
		replaced.push({ name: node.name, type: node.type, reason });
		return {
			id: node.id,
			name: node.name,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: node.position,
			parameters: {},
		};
	});
	return {
		workflow,
		start: workflow.nodes.find((node) => node.name === start.name) as WorkflowNode,
		startMode,
		replaced,
		ours,
		filled,
	};
}

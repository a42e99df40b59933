/**
 * Runs a workflow (JSON as n8n saves it) through n8n-core's WorkflowExecute with this package's
 * built nodes, and returns what every node produced. Nodes of other packages (Manual Trigger,
 * Shopify Trigger, Google Sheets in the examples) are stand-ins that pass their input on.
 */
import './env.ts';
import './regex.ts';
import './deduplication.ts';

import type {
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { TestCredentialsHelper } from './credentials.ts';
import type { TestCredentials } from './credentials.ts';
import { nodeTypes } from './package.ts';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
}

export interface OutputItem {
	json: IDataObject;
	pairedItem?: unknown;
	/** The error carried by the item (Continue On Fail / error output), if any. */
	error?: { message: string; description?: string | null; httpCode?: string | null; name?: string };
}

export interface NodeRun {
	/** Items per output: [0] is the main output, [1] the error output when it is on. */
	outputs: OutputItem[][];
	error?: {
		message: string;
		description?: string | null;
		httpCode?: string | null;
		name?: string;
		context?: IDataObject;
	};
	executionTime: number;
}

export interface RunResult {
	status: IRun['status'];
	nodes: Record<string, NodeRun>;
	/** Main-output items of a node, flattened over its runs. */
	output(nodeName: string, outputIndex?: number): OutputItem[];
	error?: NodeRun['error'];
	/** Everything n8n would store, serialised, for secret-leak checks. */
	serialized: string;
}

export interface RunOptions {
	credentials?: TestCredentials;
	/** Where to start and with which items; default: the first node with one empty item. */
	start?: { node: string; items: INodeExecutionData[] };
	/** n8n's execution mode; 'webhook' for runs a trigger's webhook started. Default 'manual'. */
	mode?: WorkflowExecuteMode;
	/** Receives a function that cancels the execution like the Stop button. */
	onStart?(cancel: () => void): void;
	/** Set false to skip building `serialized` (the bench: it would cost as much as a node run). */
	serialize?: boolean;
}

/** A stand-in for a node of another package: hands its input to the next node. */
function passThrough(type: string): INodeType {
	return {
		description: {
			displayName: type,
			name: type,
			group: ['transform'],
			version: [1, 2, 3, 4, 5],
			description: 'stand-in',
			defaults: { name: type },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [this.getInputData()];
		},
	};
}

const registry: INodeTypes = {
	getByName: (type) => nodeTypes[type] ?? passThrough(type),
	getByNameAndVersion: (type) => nodeTypes[type] ?? passThrough(type),
	getKnownTypes: () => ({}),
};

export function additionalData(
	credentials: TestCredentials,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executionId: '1',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not part of these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function buildWorkflow(json: WorkflowJson): Workflow {
	return new Workflow({
		id: 'test',
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings,
		staticData: json.staticData,
		active: false,
		nodeTypes: registry,
	});
}

export async function runWorkflow(
	json: WorkflowJson,
	options: RunOptions = {},
): Promise<RunResult> {
	const workflow = buildWorkflow(json);
	const startName = options.start?.node ?? json.nodes[0].name;
	const startNode = workflow.getNode(startName);
	if (!startNode) throw new Error(`No node named ${startName}`);

	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, '1', {
		...json,
		id: 'test',
	} as unknown as IWorkflowBase);
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));

	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.start?.items ?? [{ json: {} }]] }, source: null },
			],
		},
	});

	const execute = new WorkflowExecute(
		additionalData(options.credentials ?? {}, hooks),
		mode,
		runExecutionData,
	);
	const running = execute.processRunExecutionData(workflow);
	options.onStart?.(() => running.cancel());
	await running.catch(() => undefined);
	const run = await finished;
	return summarise(run, options.serialize ?? true);
}

function plainError(error: unknown): NodeRun['error'] {
	if (!error) return undefined;
	const e = error as {
		message: string;
		description?: string | null;
		httpCode?: string | null;
		name?: string;
		context?: IDataObject;
	};
	return {
		message: e.message,
		description: e.description,
		httpCode: e.httpCode,
		name: e.name,
		context: e.context,
	};
}

function summarise(run: IRun, serialize: boolean): RunResult {
	const nodes: Record<string, NodeRun> = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		const outputs: OutputItem[][] = [];
		let error: NodeRun['error'];
		let executionTime = 0;
		for (const task of tasks) {
			executionTime += task.executionTime;
			error ??= plainError(task.error);
			(task.data?.main ?? []).forEach((items, outputIndex) => {
				outputs[outputIndex] ??= [];
				for (const item of items ?? []) {
					outputs[outputIndex].push({
						json: item.json,
						pairedItem: item.pairedItem,
						error: item.error ? plainError(item.error) : undefined,
					});
				}
			});
		}
		nodes[name] = { outputs, error, executionTime };
	}
	return {
		status: run.status,
		nodes,
		error: plainError(run.data.resultData.error),
		output: (nodeName, outputIndex = 0) => nodes[nodeName]?.outputs[outputIndex] ?? [],
		serialized: serialize
			? JSON.stringify(run, (_key, value: unknown) =>
					value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
				)
			: '',
	};
}

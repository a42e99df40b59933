/**
 * Runs a workflow's polling trigger the way an active workflow in n8n does (n8n-core 2.41:
 * ActiveWorkflows + PollTriggerExecutor, and the CLI's static data service):
 *
 * 1. one Workflow instance lives for the whole activation, so its static data persists in memory
 *    from poll to poll;
 * 2. each poll calls the node's `poll()` in n8n-core's real `PollContext` (mode 'trigger');
 * 3. items returned -> `__emit`: the static data is saved (when changed) and an execution runs the
 *    workflow from the trigger with those items; null -> the staged cursor is committed, which
 *    saves the static data too (n8n 2.41; older n8n kept it in memory only);
 * 4. `restart()` loads the workflow afresh from the saved static data, as after an n8n restart.
 *
 * A manual test ("Fetch Test Event") is `testRun()`: WorkflowExecute in mode 'manual', where
 * n8n-core calls poll() itself; the static data it sees is returned to check it is untouched.
 */
import './env.ts';

import type { IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import type { Workflow } from 'n8n-workflow';

import type { TestCredentials } from './credentials.ts';
import { additionalData, buildWorkflow, runWorkflow } from './engine.ts';
import type { OutputItem, RunResult, WorkflowJson } from './engine.ts';
import { nodeTypes } from './package.ts';

export interface PollResult {
	/** What poll() returned for the first output (empty when it returned null). */
	items: OutputItem[];
	/** Whether n8n would start an execution. */
	started: boolean;
	/** The execution, when one started. */
	run?: RunResult;
}

export interface Poller {
	poll(): Promise<PollResult>;
	/** The static data as n8n stored it (a copy). */
	readonly savedStaticData: IDataObject;
	/** Loads the workflow again from the saved static data (an n8n restart). */
	restart(): void;
	/** A manual test of the trigger, on a copy of the saved static data; returns that copy too. */
	testRun(): Promise<{ run: RunResult; staticData: IDataObject }>;
}

/** A copy as n8n's database row holds it, without the proxies' change flag. */
const copy = (data: IDataObject): IDataObject =>
	JSON.parse(
		JSON.stringify(data, (key, value: unknown) => (key === '__dataChanged' ? undefined : value)),
	) as IDataObject;

type Tracked = IDataObject & { __dataChanged?: boolean };

export function startPolling(
	workflow: WorkflowJson,
	options: { credentials: TestCredentials; trigger?: string },
): Poller {
	const triggerNode = workflow.nodes.find((node) =>
		options.trigger ? node.name === options.trigger : nodeTypes[node.type]?.poll !== undefined,
	);
	if (!triggerNode) throw new Error('The workflow has no polling trigger of this package');
	const nodeType = nodeTypes[triggerNode.type];

	let saved: IDataObject = copy(workflow.staticData ?? {});
	let active: Workflow = buildWorkflow({ ...workflow, staticData: copy(saved) });

	// As WorkflowStaticDataService.saveStaticData: only when the node touched it.
	const save = () => {
		const data = active.staticData as Tracked;
		if (data.__dataChanged === true) {
			saved = copy(data);
			data.__dataChanged = false;
		}
	};

	return {
		get savedStaticData() {
			return copy(saved);
		},

		restart() {
			active = buildWorkflow({ ...workflow, staticData: copy(saved) });
		},

		async poll() {
			const node = active.getNode(triggerNode.name) as INode;
			const hooks = new ExecutionLifecycleHooks('trigger', '1', {
				...workflow,
				id: 'test',
			} as unknown as IWorkflowBase);
			let emitted: INodeExecutionData[][] | undefined;
			const context = new PollContext(
				active,
				node,
				additionalData(options.credentials, hooks),
				'trigger',
				'activate',
				(data) => {
					emitted = data;
				},
				(error) => {
					throw error;
				},
				async () => save(),
			);
			const response = await nodeType.poll!.call(context);
			if (response === null) {
				await context.__commitCursor?.();
				return { items: [], started: false };
			}
			context.__emit(response);
			save();
			const items = (emitted ?? [])[0] ?? [];
			const run = await runWorkflow(
				{ ...workflow, staticData: copy(saved) },
				{
					credentials: options.credentials,
					start: { node: triggerNode.name, items },
					mode: 'trigger',
				},
			);
			return { items: run.output(triggerNode.name), started: true, run };
		},

		async testRun() {
			const staticData = copy(saved);
			const run = await runWorkflow(
				{ ...workflow, staticData },
				{
					credentials: options.credentials,
					start: { node: triggerNode.name, items: [{ json: {} }] },
					mode: 'manual',
				},
			);
			return { run, staticData };
		},
	};
}

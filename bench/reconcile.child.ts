/**
 * One reconcile bench measurement in a fresh process: the orders (from --orders, a JSON file the
 * parent wrote) through Transaction > Reconcile or the minimal node, via n8n's engine against the
 * parent's sandbox. Prints one JSON line; peak RSS is this process's own.
 */
import { readFileSync } from 'node:fs';

import type { INode } from 'n8n-workflow';

import {
	awinNode,
	nodeTypes,
	runWorkflow,
	SANDBOX_SECRETS,
	workflowOf,
} from '../test/harness/index.ts';
import { setLimitsForTests } from '../test/harness/limits.ts';
import { reconcileNode } from '../test/reconcile/setup.ts';
import { MinimalReconcileNode } from './minimal-reconcile.node.ts';

const arg = (name: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? '';
const implementation = arg('impl') as 'awin' | 'minimal';
const url = arg('url');
const { orders, windows } = JSON.parse(readFileSync(arg('orders'), 'utf8')) as {
	orders: Array<Record<string, string>>;
	windows: unknown[];
};
const roomy = { limit: 100_000, windowMs: 1_000 };

setLimitsForTests({ quotas: { bearer: roomy } });
nodeTypes['bench.minimalReconcile'] = new MinimalReconcileNode();
void awinNode;

const node: INode =
	implementation === 'awin'
		? reconcileNode()
		: {
				id: 'minimal',
				name: 'Awin',
				type: 'bench.minimalReconcile',
				typeVersion: 1,
				position: [400, 0],
				parameters: {
					url: `${url}/advertisers/10001/transactions/`,
					windows: JSON.stringify(windows),
				},
				credentials: { awinApi: { id: '1', name: 'Awin API' } },
			};

const items = orders.map((json) => ({ json }));
globalThis.gc?.();
const cpu = process.cpuUsage();
const mainCpu = process.threadCpuUsage();
const started = performance.now();
const run = await runWorkflow(workflowOf(node), {
	credentials: { awinApi: { apiToken: SANDBOX_SECRETS.apiToken, baseUrl: url } },
	start: { node: 'Start', items },
	serialize: false,
});
const used = process.cpuUsage(cpu);
const mainUsed = process.threadCpuUsage(mainCpu);
const outputs = run.nodes.Awin?.outputs.map((o) => o.length) ?? [];
console.log(
	JSON.stringify({
		implementation,
		n: orders.length,
		status: run.status,
		error: run.error?.message,
		outputs,
		cpuUsPerOrder: (used.user + used.system) / orders.length,
		// The main thread alone: the rest is V8's helper threads (garbage collection) and libuv's.
		mainCpuUsPerOrder: (mainUsed.user + mainUsed.system) / orders.length,
		wallMs: performance.now() - started,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
	}),
);

/**
 * Create Orders through n8n's engine against the sandbox, with the quota shrunk in both the client
 * and the sandbox. Prints figures, asserts nothing.
 *
 *   npm run bench -- [counts] [--limit=20] [--window-ms=1000] [--batch-size=1000] [--api=conversion|proofOfPurchase]
 *
 * counts: comma list of order counts (default 1000,10000,100000). Proof of Purchase keeps Awin's
 * own quota (6 per 1 s) unless --limit/--window-ms are given.
 *
 * Quota floor: the least wall time the quota allows for C calls with L calls per window W, when a
 * burst of L goes at once: (ceil(C / L) - 1) * W. "wall/floor" near 1 means the quota, not the
 * engine, sets the pace; "n/a" when every call fits in the first burst (floor 0).
 */

import type { IDataObject } from 'n8n-workflow';

import {
	awinNode,
	credentialsFor,
	runWorkflow,
	startSandbox,
	workflowOf,
} from '../test/harness/index.ts';
import { setLimitsForTests } from '../test/harness/limits.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) =>
	args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const counts = (args.find((a) => !a.startsWith('--')) ?? '1000,10000,100000')
	.split(',')
	.map(Number);
const api = flag('api', 'conversion') as 'conversion' | 'proofOfPurchase';
const defaults =
	api === 'conversion' ? { limit: '20', window: '1000' } : { limit: '6', window: '1000' };
const limit = Number(flag('limit', defaults.limit));
const windowMs = Number(flag('window-ms', defaults.window));
const batchSize = Number(flag('batch-size', '1000'));

// The same module instance the built node uses.
setLimitsForTests({ quotas: { [api]: { limit, windowMs } } });
const sandbox = await startSandbox({ quotas: { [api]: { limit, windowMs } } });

function order(i: number): IDataObject {
	const base = { orderReference: `BENCH-${i}`, amount: 49.99, currency: 'GBP' };
	return api === 'conversion'
		? {
				...base,
				channel: 'aw',
				awc: `1001_1762859852_${i}`,
				commissionGroups: [{ code: 'DEFAULT', amount: 49.99 }],
			}
		: { ...base, transactionTime: 1762859931 };
}

const node = awinNode({
	resource: api,
	operation: 'createOrders',
	advertiserId: '10001',
	publisherId: '20001',
	inputMode: 'json',
	options: { batchSize },
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(
	`Create Orders (${api}) via the engine against the sandbox; quota ${limit} calls per ${windowMs} ms, batch size ${batchSize}`,
);
console.log(
	'quota floor = (ceil(calls / limit) - 1) * window; CPU = this process (engine, node and sandbox together)',
);
console.log(
	[
		'orders',
		'calls',
		'wall',
		'quota floor',
		'wall/floor',
		'CPU/order',
		'peak RSS',
		'peak heap',
		'statuses',
	].join('\t'),
);

for (const n of counts) {
	sandbox.reset();
	// Let the previous run's calls leave the quota window.
	await new Promise((resolve) => setTimeout(resolve, windowMs + 100));
	const items = Array.from({ length: n }, (_, i) => ({ json: order(i) }));
	globalThis.gc?.();
	const peak = { rss: 0, heap: 0 };
	const sample = () => {
		const m = process.memoryUsage();
		peak.rss = Math.max(peak.rss, m.rss);
		peak.heap = Math.max(peak.heap, m.heapUsed);
	};
	const sampler = setInterval(sample, 25);
	const cpu = process.cpuUsage();
	const started = performance.now();
	const run = await runWorkflow(workflowOf(node), {
		credentials: credentialsFor(sandbox),
		start: { node: 'Start', items },
	});
	const wall = performance.now() - started;
	const used = process.cpuUsage(cpu);
	clearInterval(sampler);
	sample();

	const calls = sandbox.requestsTo(/\/orders$/).length;
	const floor = Math.max(0, Math.ceil(calls / limit) - 1) * windowMs;
	const statuses: Record<string, number> = {};
	for (const item of run.output('Awin'))
		statuses[String(item.json.status)] = (statuses[String(item.json.status)] ?? 0) + 1;
	console.log(
		[
			n,
			calls,
			`${(wall / 1000).toFixed(2)} s`,
			`${(floor / 1000).toFixed(2)} s`,
			floor > 0 ? (wall / floor).toFixed(2) : 'n/a',
			`${((used.user + used.system) / n).toFixed(0)} µs`,
			mb(peak.rss),
			mb(peak.heap),
			`${run.status} ${JSON.stringify(statuses)}`,
		].join('\t'),
	);
}
await sandbox.close();

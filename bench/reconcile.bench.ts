/**
 * What Transaction > Reconcile costs per order inside n8n, beside the minimal node
 * (bench/minimal-reconcile.node.ts) holding the same items: a planted shop (test/sandbox/shop.ts)
 * of N orders against about as many transactions, read in the same windows from one sandbox in this
 * process. Each run is a fresh process (bench/reconcile.child.ts); the two nodes run in pairs,
 * which goes first alternating, and a ratio is the median of the pairs' own ratios with its
 * quartiles. Prints figures; asserts nothing.
 *
 *   npm run bench:reconcile -- [--sizes=20000,100000] [--repeat=5] [--child-flags=...] [--logs=DIR]
 *
 * --child-flags passes Node flags to every measured process (a profiler, --trace-gc); --logs=DIR
 * keeps each process's whole output there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startSandbox } from '../test/harness/index.ts';
import { plantShop } from '../test/sandbox/shop.ts';

const flag = (name: string, fallback: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = flag('sizes', '20000,100000').split(',').map(Number);
const repeat = Number(flag('repeat', '5'));
const childFlags = flag('child-flags', '').split(',').filter(Boolean);
const logs = flag('logs', '');
const DAY = 86_400_000;
let runCount = 0;
const dir = mkdtempSync(path.join(tmpdir(), 'reconcile-bench-'));

interface Measurement {
	status: string;
	error?: string;
	outputs: number[];
	cpuUsPerOrder: number;
	mainCpuUsPerOrder: number;
	peakRssMb: number;
}

const quantile = (values: number[], q: number) =>
	[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * q + 0.5)];
const median = (values: number[]) => quantile(values, 0.5);

console.log(
	`Transaction > Reconcile against the minimal node through n8n's engine; fresh process per run; ${repeat} pairs, medians`,
);
console.log(
	[
		'orders',
		'transactions',
		'calls',
		'awin CPU/order',
		'minimal CPU/order',
		'CPU difference (quartiles)',
		'CPU ratio',
		'main thread CPU difference (quartiles)',
		'awin RSS',
		'minimal RSS',
		'RSS ratio (quartiles)',
	].join('\t'),
);
for (const n of sizes) {
	const sandbox = await startSandbox({ quotas: { bearer: { limit: 100_000, windowMs: 1_000 } } });
	// A year of orders when n is 100,000 (24 orders and 23 transactions per 24 cases).
	const shop = plantShop(sandbox, {
		start: Date.now() - 366 * DAY,
		days: Math.round((364 * n) / 100_000),
		cases: Math.ceil((n * 24) / 23),
	});
	const file = path.join(dir, `orders-${n}.json`);
	// The minimal node reads the windows Reconcile reads: the first run of Reconcile tells them.
	const measure = async (
		implementation: string,
		windows: unknown[] = [],
	): Promise<Measurement & { windows?: unknown[] }> => {
		writeFileSync(file, JSON.stringify({ orders: shop.orders, windows }));
		sandbox.reset();
		const { stdout } = await promisify(execFile)(
			process.execPath,
			[
				'--experimental-transform-types',
				'--no-warnings',
				'--expose-gc',
				...childFlags,
				'bench/run.mjs',
				'bench/reconcile.child.ts',
				`--impl=${implementation}`,
				`--url=${sandbox.url}`,
				`--orders=${file}`,
			],
			{ encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
		);
		if (logs) writeFileSync(path.join(logs, `${implementation}-${n}-${++runCount}.log`), stdout);
		const result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Measurement;
		if (result.status !== 'success') throw new Error(`${implementation} N=${n}: ${result.error}`);
		const calls = sandbox.requests.map((r) => ({ start: r.query.startDate, end: r.query.endDate }));
		return { ...result, windows: calls };
	};
	const first = await measure('awin');
	const windows = first.windows ?? [];
	const runs: Record<'awin' | 'minimal', Measurement[]> = { awin: [], minimal: [] };
	for (let r = 0; r < repeat; r++) {
		const order = r % 2 === 0 ? (['minimal', 'awin'] as const) : (['awin', 'minimal'] as const);
		for (const impl of order)
			runs[impl].push(await measure(impl, impl === 'minimal' ? windows : []));
	}
	const figure = (impl: 'awin' | 'minimal', of: (m: Measurement) => number) =>
		median(runs[impl].map(of));
	const spread = (values: number[], digits: number, unit: string) => {
		const x = (q: number) => quantile(values, q).toFixed(digits);
		return `${x(0.5)}${unit} (${x(0.25)}–${x(0.75)})`;
	};
	const cpu = (m: Measurement) => m.cpuUsPerOrder;
	const mainCpu = (m: Measurement) => m.mainCpuUsPerOrder;
	const rss = (m: Measurement) => m.peakRssMb;
	const pairs = <T>(of: (a: Measurement, b: Measurement) => T) =>
		runs.awin.map((m, r) => of(m, runs.minimal[r]));
	console.log(
		[
			shop.orders.length,
			shop.transactions,
			windows.length,
			`${figure('awin', cpu).toFixed(1)} µs`,
			`${figure('minimal', cpu).toFixed(1)} µs`,
			spread(
				pairs((a, b) => cpu(a) - cpu(b)),
				1,
				' µs',
			),
			spread(
				pairs((a, b) => cpu(a) / cpu(b)),
				2,
				'x',
			),
			spread(
				pairs((a, b) => mainCpu(a) - mainCpu(b)),
				1,
				' µs',
			),
			`${figure('awin', rss).toFixed(0)} MB`,
			`${figure('minimal', rss).toFixed(0)} MB`,
			spread(
				pairs((a, b) => rss(a) / rss(b)),
				2,
				'x',
			),
		].join('\t'),
	);
	await sandbox.close();
}
rmSync(dir, { recursive: true, force: true });

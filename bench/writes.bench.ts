/**
 * What a write costs per item inside n8n, beside the least a hand-written node does (bench/
 * minimal.node.ts): Conversion > Create Orders, Proof of Purchase > Create Orders and Transaction >
 * Validate, each at several sizes. Every measurement runs in a fresh process (bench/writes.child.ts)
 * against one sandbox in this process, so peak RSS is that run's own and the sandbox's CPU is not
 * counted. Prints figures and ratios; asserts nothing (these machines are shared and noisy).
 *
 *   npm run bench -- [--sizes=1000,20000,100000] [--ops=conversion,proofOfPurchase,validate] [--repeat=3]
 *     [--child-flags=--cpu-prof,...]
 *
 * With --repeat=R each figure is the median of R pairs of runs, the two nodes taking turns (which
 * runs first alternates). A ratio is the median of the pairs' own ratios, with its middle half
 * (quartiles) beside it: the machine drifts between pairs, and one pair shares one moment of it.
 * --child-flags passes Node flags to every measured process (a profiler, --trace-gc).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { startSandbox } from '../test/harness/index.ts';

const flag = (name: string, fallback: string) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = flag('sizes', '1000,20000,100000').split(',').map(Number);
const operations = flag('ops', 'conversion,proofOfPurchase,validate').split(',');
const repeat = Number(flag('repeat', '1'));
const childFlags = flag('child-flags', '').split(',').filter(Boolean);
const roomy = { limit: 100_000, windowMs: 1_000 };

interface Measurement {
	status: string;
	error?: string;
	statuses: Record<string, number>;
	cpuUsPerItem: number;
	mainThreadUsPerItem: number;
	peakRssMb: number;
}

const sandbox = await startSandbox({
	quotas: { bearer: roomy, conversion: roomy, proofOfPurchase: roomy },
});

// Not execFileSync: the sandbox answers from this process's event loop.
async function measure(operation: string, n: number, implementation: string): Promise<Measurement> {
	sandbox.reset();
	const { stdout: output } = await promisify(execFile)(
		process.execPath,
		[
			'--experimental-transform-types',
			'--no-warnings',
			'--expose-gc',
			...childFlags,
			'bench/run.mjs',
			'bench/writes.child.ts',
			`--op=${operation}`,
			`--n=${n}`,
			`--impl=${implementation}`,
			`--url=${sandbox.url}`,
		],
		{ encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
	);
	const line = output.trim().split('\n').pop() ?? '';
	const result = JSON.parse(line) as Measurement;
	const expected = operation === 'validate' ? 'submitted' : 'registered';
	if (result.status !== 'success' || result.statuses[expected] !== n) {
		throw new Error(
			`${implementation} ${operation} N=${n} did not ${expected} every item: ${line}`,
		);
	}
	return result;
}

const quantile = (values: number[], q: number) =>
	[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * q + 0.5)];
const median = (values: number[]) => quantile(values, 0.5);

console.log(
	`Write operations through n8n's engine against the sandbox; quota lifted; fresh process per run; ${repeat} pairs, medians`,
);
console.log(
	'CPU = µs per item in the run (engine + node); RSS = peak of the whole process (n8n loaded, input items held)',
);
console.log(
	[
		'operation',
		'items',
		'awin CPU',
		'minimal CPU',
		'CPU ratio (quartiles)',
		'main thread CPU ratio (quartiles)',
		'awin RSS',
		'minimal RSS',
		'RSS ratio (quartiles)',
	].join('\t'),
);
for (const operation of operations) {
	for (const n of sizes) {
		const runs: Record<'awin' | 'minimal', Measurement[]> = { awin: [], minimal: [] };
		for (let r = 0; r < repeat; r++) {
			const order = r % 2 === 0 ? (['minimal', 'awin'] as const) : (['awin', 'minimal'] as const);
			for (const implementation of order)
				runs[implementation].push(await measure(operation, n, implementation));
		}
		const figure = (impl: 'awin' | 'minimal', of: (m: Measurement) => number) =>
			median(runs[impl].map(of));
		const ratio = (of: (m: Measurement) => number) => {
			const ratios = runs.awin.map((m, r) => of(m) / of(runs.minimal[r]));
			const x = (q: number) => quantile(ratios, q).toFixed(2);
			return `${x(0.5)}x (${x(0.25)}–${x(0.75)})`;
		};
		const cpu = (m: Measurement) => m.cpuUsPerItem;
		const mainCpu = (m: Measurement) => m.mainThreadUsPerItem;
		const rss = (m: Measurement) => m.peakRssMb;
		console.log(
			[
				operation,
				n,
				`${figure('awin', cpu).toFixed(1)} µs`,
				`${figure('minimal', cpu).toFixed(1)} µs`,
				ratio(cpu),
				ratio(mainCpu),
				`${figure('awin', rss).toFixed(0)} MB`,
				`${figure('minimal', rss).toFixed(0)} MB`,
				ratio(rss),
			].join('\t'),
		);
	}
}
await sandbox.close();

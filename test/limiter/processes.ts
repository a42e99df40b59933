/**
 * Runs the same Transaction > Get Many in several n8n processes at once (test/limiter/pull-process.ts),
 * all with one token against one sandbox, and sums up what the sandbox saw: calls, 429s, wall time
 * against the least time the quota allows.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import type { AwinSandbox } from '../harness/index.ts';
import { PACKAGE_ROOT } from '../harness/index.ts';
import type { PullOptions, PullResult } from './pull-process.ts';

export interface SharedPull {
	results: PullResult[];
	calls: number;
	refused: number;
	/** 429s after the first window, when no process can know yet that others share the token. */
	refusedAfterFirstWindow: number;
	wallMs: number;
	/** The least wall time the quota allows for the calls that were accepted: (ceil(n / limit) - 1) windows. */
	floorMs: number;
}

export async function pullInProcesses(
	sandbox: AwinSandbox,
	processes: number,
	options: Omit<PullOptions, 'sandboxUrl'>,
	path: RegExp,
): Promise<SharedPull> {
	const children = Array.from({ length: processes }, () =>
		spawn(
			process.execPath,
			[
				'--experimental-transform-types',
				'--no-warnings',
				'bench/run.mjs',
				'test/limiter/pull-process.ts',
				JSON.stringify({ ...options, sandboxUrl: sandbox.url }),
			],
			{ cwd: PACKAGE_ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
		),
	);
	let ready = 0;
	const results = await Promise.all(
		children.map(
			async (child) =>
				await new Promise<PullResult>((resolve, reject) => {
					let result: PullResult | undefined;
					createInterface({ input: child.stdout }).on('line', (line) => {
						if (line === 'ready') {
							// Every process loaded: they all start at once.
							if (++ready === processes) for (const c of children) c.stdin.write('go\n');
						} else if (line.startsWith('{')) {
							result = JSON.parse(line) as PullResult;
						}
					});
					child.on('error', reject);
					child.on('close', (code) =>
						result
							? resolve(result)
							: reject(new Error(`pull process exited with ${code} and no result`)),
					);
				}),
		),
	);
	for (const child of children) child.stdin.end();

	const calls = sandbox.requestsTo(path);
	const first = calls[0]?.time ?? 0;
	const accepted = calls.filter((c) => c.status !== 429).length;
	return {
		results,
		calls: calls.length,
		refused: calls.filter((c) => c.status === 429).length,
		refusedAfterFirstWindow: calls.filter(
			(c) => c.status === 429 && c.time >= first + options.quota.windowMs,
		).length,
		wallMs:
			Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt)),
		floorMs: (Math.ceil(accepted / options.quota.limit) - 1) * options.quota.windowMs,
	};
}

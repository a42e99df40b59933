/**
 * What the tests share: useSandbox (one sandbox per test file, limits reset before each test); the
 * package's own limits and quota modules (the SAME instances the harness loads from dist, so
 * shrinking a window here shrinks it for the node under test); and Account > Get Many workflows,
 * the read the client tests drive the shared client with.
 */
import path from 'node:path';

import type { INode, INodeParameters } from 'n8n-workflow';

import type * as LimitsModule from '../../nodes/shared/limits';
import type * as QuotaModule from '../../nodes/shared/transport/quota';
import type * as TransportModule from '../../nodes/shared/transport';
import type { SandboxOptions, SandboxRequest } from '../sandbox/server.ts';
import { AwinSandbox } from '../sandbox/server.ts';
import { awinNode, PACKAGE_ROOT, workflowOf } from '../harness/index.ts';

function fromDist<T>(file: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(PACKAGE_ROOT, 'dist/nodes/shared', file)) as T;
}

export const limits = fromDist<typeof LimitsModule>('limits.js');
export const quota = fromDist<typeof QuotaModule>('transport/quota.js');
export const transport = fromDist<typeof TransportModule>('transport/index.js');

/** Production values, to restore after a test shrank them. */
export const PRODUCTION = {
	quotas: structuredClone(limits.quotas),
	retryPolicy: { ...limits.retryPolicy },
};

export function restoreLimits(): void {
	quota.setLimitsForTests(structuredClone(PRODUCTION));
}

/**
 * A test file's sandbox: started before its tests and closed after them; before each test it forgets
 * its requests and faults, and the package's limits go back to production values, then `limitsForEach`.
 */
export function useSandbox(
	options: SandboxOptions = {},
	limitsForEach?: Parameters<typeof quota.setLimitsForTests>[0],
): AwinSandbox {
	const sandbox = new AwinSandbox(options);
	beforeAll(async () => await sandbox.start());
	afterAll(async () => {
		await sandbox.close();
		restoreLimits();
	});
	beforeEach(() => {
		sandbox.reset();
		restoreLimits();
		if (limitsForEach) quota.setLimitsForTests(structuredClone(limitsForEach));
	});
	return sandbox;
}

/** Waits that keep tests fast; each test shrinks further what it measures. */
export const FAST_RETRIES = { backoffBaseMs: 20, backoffMaxMs: 40, rateLimitWaitMs: 100 };

/**
 * Account > Get Many whose account type comes from each item's `type`, so one execution makes one
 * call per distinct type (the operation asks once per type).
 */
export function accountsNode(options: INodeParameters = {}, extra: Partial<INode> = {}): INode {
	return awinNode(
		{ resource: 'account', operation: 'getMany', accountTypeFilter: '={{ $json.type }}', options },
		extra,
	);
}

export function accountsWorkflow(options: INodeParameters = {}, extra: Partial<INode> = {}) {
	return workflowOf(accountsNode(options, extra));
}

export const items = (...types: string[]) => types.map((type) => ({ json: { type } }));

/** The largest number of requests that arrived within any `windowMs` (a window open at its start). */
export function mostInAnyWindow(requests: SandboxRequest[], windowMs: number): number {
	const times = requests.map((r) => r.time).sort((a, b) => a - b);
	let most = 0;
	for (let i = 0; i < times.length; i++) {
		let j = i;
		while (j + 1 < times.length && times[j + 1] < times[i] + windowMs) j++;
		most = Math.max(most, j - i + 1);
	}
	return most;
}

/** Milliseconds between consecutive requests. */
export function gaps(requests: SandboxRequest[]): number[] {
	return requests.slice(1).map((r, i) => r.time - requests[i].time);
}

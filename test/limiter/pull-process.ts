/**
 * One n8n process of the two-process limiter test (and of `npm run bench:workers`): runs
 * Transaction > Get Many through n8n's engine against a sandbox another process started, with the
 * quota shrunk like the sandbox's. Waits for a line "go" on stdin, so both processes start their
 * calls at the same moment, then prints one JSON line with what the node returned.
 *
 *   node --experimental-transform-types bench/run.mjs test/limiter/pull-process.ts '<json options>'
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

import {
	awinNode,
	PACKAGE_ROOT,
	runWorkflow,
	SANDBOX_SECRETS,
	workflowOf,
} from '../harness/index.ts';

type Quota = typeof import('../../nodes/shared/transport/quota');

export interface PullOptions {
	sandboxUrl: string;
	quota: { limit: number; windowMs: number };
	startDate: string;
	endDate: string;
	/** Max Requests per Minute on the node, if any. */
	requestsPerMinute?: number;
}

export interface PullResult {
	status: string;
	transactionIds: number[];
	error?: string;
	startedAt: number;
	endedAt: number;
}

const options = JSON.parse(process.argv[2]) as PullOptions;

const { setLimitsForTests } = createRequire(path.join(PACKAGE_ROOT, 'package.json'))(
	path.join(PACKAGE_ROOT, 'dist/nodes/shared/transport/quota.js'),
) as Quota;
// The pause after a 429 without Retry-After is one window, as in production (60 s for 60 s).
setLimitsForTests({
	quotas: { bearer: options.quota },
	retryPolicy: { rateLimitWaitMs: options.quota.windowMs },
});

const workflow = workflowOf(
	awinNode({
		resource: 'transaction',
		operation: 'getMany',
		accountType: 'advertiser',
		advertiserId: { __rl: true, mode: 'list', value: '10001' },
		startDate: options.startDate,
		endDate: options.endDate,
		timezone: 'UTC',
		returnAll: true,
		options: options.requestsPerMinute ? { requestsPerMinute: options.requestsPerMinute } : {},
	}),
);

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

const startedAt = Date.now();
const run = await runWorkflow(workflow, {
	credentials: { awinApi: { apiToken: SANDBOX_SECRETS.apiToken, baseUrl: options.sandboxUrl } },
});
const result: PullResult = {
	status: run.status,
	transactionIds: run.output('Awin').map((item) => item.json.id as number),
	error: run.error?.message,
	startedAt,
	endedAt: Date.now(),
};
process.stdout.write(`${JSON.stringify(result)}\n`);

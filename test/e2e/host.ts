/**
 * A real, pinned n8n for `npm run dev` and `npm run test:e2e`, installed the way that works on
 * these machines (see README "Try it locally"): pnpm 10 from the npm registry installs
 * e2e/n8n-host/{package.json,pnpm-lock.yaml} with --frozen-lockfile (nothing is re-resolved), then
 * builds the two native modules n8n needs. The install lives in .n8n-host/ (ignored) and is reused
 * while the pinned files and the Node major version stay the same.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	realpathSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const HOST_DIR = path.join(ROOT, '.n8n-host');
const PINNED_DIR = path.join(ROOT, 'e2e', 'n8n-host');
const PINNED_FILES = ['package.json', 'pnpm-lock.yaml'];
const PNPM_SPEC = 'pnpm@10';
const STAMP = path.join(HOST_DIR, '.installed');

export interface N8nHost {
	/** The n8n entry script, run with this Node. */
	bin: string;
	version: string;
	/** Whether the cached install was reused. */
	cached: boolean;
	seconds: number;
}

/** The n8n version the pinned host installs. */
export function pinnedVersion(): string {
	const pkg = JSON.parse(readFileSync(path.join(PINNED_DIR, 'package.json'), 'utf8')) as {
		dependencies: { n8n: string };
	};
	return pkg.dependencies.n8n;
}

function fingerprint(): string {
	const hash = createHash('sha256');
	for (const file of PINNED_FILES) hash.update(readFileSync(path.join(PINNED_DIR, file)));
	// Native modules are built for one Node ABI.
	hash.update(`${process.platform}-${process.arch}-node${process.versions.modules}`);
	return hash.digest('hex');
}

/** Node's own headers, so node-gyp builds sqlite3 and isolated-vm for the Node that runs n8n. */
export function nodeHeadersEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
	};
	const home = path.dirname(path.dirname(process.execPath));
	if (existsSync(path.join(home, 'include', 'node', 'node.h'))) env.npm_config_nodedir = home;
	else delete env.npm_config_nodedir;
	return env;
}

/** Where the installers' output goes: this terminal, or a log file's descriptor. */
type Output = 'inherit' | number;

function run(
	command: string,
	args: string[],
	cwd: string,
	env: NodeJS.ProcessEnv,
	output: Output,
): void {
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', output, output] });
	if (result.status !== 0) {
		throw new Error(
			`${path.basename(command)} ${args.join(' ')} failed in ${cwd} (exit ${result.status ?? result.signal})`,
		);
	}
}

function nativeModulesLoad(env: NodeJS.ProcessEnv): boolean {
	// From n8n's real folder: pnpm links its dependencies beside it, not under the top node_modules.
	const n8nDir = path.join(HOST_DIR, 'node_modules', 'n8n');
	if (!existsSync(n8nDir)) return false;
	const probe = `const r = require('node:module').createRequire(${JSON.stringify(path.join(realpathSync(n8nDir), 'package.json'))});
new (r('sqlite3').Database)(':memory:').close(); r('isolated-vm');`;
	return spawnSync(process.execPath, ['-e', probe], { env, stdio: 'ignore' }).status === 0;
}

/** Whether the pinned host is installed for this Node (then ensureN8nHost returns at once). */
export function n8nHostReady(): boolean {
	const bin = path.join(HOST_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
	return (
		existsSync(bin) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === fingerprint()
	);
}

export function ensureN8nHost(
	log: (line: string) => void = console.log,
	output: Output = 'inherit',
): N8nHost {
	const started = Date.now();
	const bin = path.join(HOST_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
	const wanted = fingerprint();
	const version = pinnedVersion();
	if (n8nHostReady()) {
		return { bin, version, cached: true, seconds: (Date.now() - started) / 1000 };
	}

	log(
		`Installing n8n ${version} into ${path.relative(ROOT, HOST_DIR)}/ (first time: a few minutes; reused afterwards)`,
	);
	mkdirSync(HOST_DIR, { recursive: true });
	for (const file of PINNED_FILES)
		copyFileSync(path.join(PINNED_DIR, file), path.join(HOST_DIR, file));
	const env = nodeHeadersEnv();

	const pnpmDir = path.join(HOST_DIR, 'pnpm');
	const pnpm = path.join(pnpmDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
	if (!existsSync(pnpm)) {
		log(`Fetching ${PNPM_SPEC} from the npm registry`);
		mkdirSync(pnpmDir, { recursive: true });
		run(
			'npm',
			[
				'install',
				'--prefix',
				pnpmDir,
				'--no-save',
				'--no-package-lock',
				'--no-audit',
				'--no-fund',
				PNPM_SPEC,
			],
			ROOT,
			env,
			output,
		);
	}
	// The lockfile decides every version; pnpm only downloads and links.
	run(
		process.execPath,
		[pnpm, 'install', '--frozen-lockfile', '--reporter=append-only'],
		HOST_DIR,
		env,
		output,
	);
	// n8n needs two native modules (SQLite, the Code node's sandbox). pnpm builds them during the
	// install because package.json lists them in onlyBuiltDependencies (isolated-vm ships a binary
	// for Node 24; sqlite3's are only on GitHub, so it is compiled); rebuild only if one does not
	// load (an install interrupted mid-build, or one made before they were listed).
	if (!nativeModulesLoad(env))
		run(process.execPath, [pnpm, 'rebuild', 'sqlite3', 'isolated-vm'], HOST_DIR, env, output);

	writeFileSync(STAMP, `${wanted}\n`);
	const seconds = (Date.now() - started) / 1000;
	log(`n8n ${version} installed in ${seconds.toFixed(0)} s`);
	return { bin, version, cached: false, seconds };
}

// `node test/e2e/host.ts`: install (or confirm) the host on its own.
if (import.meta.filename === process.argv[1]) {
	const host = ensureN8nHost();
	console.log(
		`n8n ${host.version} ${host.cached ? 'already installed' : 'installed'} (${host.seconds.toFixed(1)} s): ${host.bin}`,
	);
}

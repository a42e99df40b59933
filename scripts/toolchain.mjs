#!/usr/bin/env node
/**
 * `node scripts/toolchain.mjs <command> [args...]`: runs the command with the Node this project
 * needs, set up first when missing. `npm test`, `npm run dev` and .ci/run start here, so a fresh
 * clone works with only an older Node and npm installed.
 *
 * - Node: the one running this script if it is at least the major version in .nvmrc and has its
 *   C headers (native modules build against them); otherwise the version in .nvmrc, fetched once
 *   from the npm registry (package node-<os>-<arch>) into a cache folder outside the repository:
 *   $AWIN_NODE_HOME, else $XDG_CACHE_HOME or ~/.cache, /n8n-nodes-awin/node-<version>.
 * - Packages: `npm ci` when node_modules is missing, differs from package-lock.json, or was
 *   installed for another Node major version (native modules).
 * - When it cannot do that it stops at once with one line saying what to install.
 *
 * Plain JavaScript for any Node from 18 on: npm runs package scripts without node_modules.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
	existsSync,
	lstatSync,
	mkdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WANTED = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim().replace(/^v/, '');
const WANTED_MAJOR = Number(WANTED.split('.')[0]);
const STAMP = path.join(ROOT, 'node_modules', '.toolchain-node-major');

/** Stops with the one line that says what to do. */
function fail(line) {
	console.error(line);
	process.exit(1);
}

/** The line when Node cannot be set up here. */
function stop(reason) {
	fail(
		`n8n-nodes-awin needs Node.js ${WANTED_MAJOR} (this is ${process.version}; ${reason}): ` +
			`install Node.js ${WANTED} (e.g. \`nvm install\`, which reads .nvmrc) and run the command again.`,
	);
}

function hasHeaders(home) {
	return existsSync(path.join(home, 'include', 'node', 'node.h'));
}

function cacheHome() {
	if (process.env.AWIN_NODE_HOME) return process.env.AWIN_NODE_HOME;
	const cache = process.env.XDG_CACHE_HOME || path.join(process.env.HOME || homedir(), '.cache');
	return path.join(cache, 'n8n-nodes-awin', `node-${WANTED}`);
}

/** The Node to use: { bin, home, version }, fetched from the npm registry when needed. */
function ensureNode() {
	const ownHome = path.dirname(path.dirname(process.execPath));
	if (Number(process.versions.node.split('.')[0]) >= WANTED_MAJOR && hasHeaders(ownHome)) {
		return { bin: path.dirname(process.execPath), home: ownHome, version: process.version };
	}
	const os = { linux: 'linux', darwin: 'darwin' }[process.platform];
	if (!os || !['x64', 'arm64'].includes(process.arch))
		stop(`no npm package of Node for ${process.platform}-${process.arch}`);
	const pkg = `node-${os}-${process.arch}`;
	const dir = cacheHome();
	const home = path.join(dir, 'node_modules', pkg);
	const bin = path.join(home, 'bin');
	if (!existsSync(path.join(bin, 'node'))) {
		console.log(`Fetching Node ${WANTED} from the npm registry (${pkg}, about 30 MB) into ${dir}`);
		const partial = `${dir}.partial-${process.pid}`;
		mkdirSync(partial, { recursive: true });
		const npmArgs = [
			'install',
			'--prefix',
			partial,
			'--no-save',
			'--no-package-lock',
			'--no-audit',
			'--no-fund',
		];
		// One quick retry: an unreachable registry should end in seconds, not minutes.
		const fetchArgs = [
			'--fetch-retries=1',
			'--fetch-retry-mintimeout=1000',
			'--fetch-retry-maxtimeout=3000',
		];
		const result = spawnSync(
			'npm',
			[...npmArgs, ...fetchArgs, '--loglevel=error', `${pkg}@${WANTED}`],
			{
				cwd: partial,
				stdio: ['ignore', 'ignore', 'pipe'],
				encoding: 'utf8',
			},
		);
		if (
			result.status !== 0 ||
			!existsSync(path.join(partial, 'node_modules', pkg, 'bin', 'node'))
		) {
			rmSync(partial, { recursive: true, force: true });
			const lines = (result.stderr || '')
				.split('\n')
				.filter((l) => l.trim() && !/complete log/.test(l));
			const why = result.error
				? result.error.message
				: lines.find((l) => /code|errno|request to/.test(l)) || lines[0];
			stop(
				`fetching ${pkg}@${WANTED} from the npm registry failed: ${why || `exit ${result.status}`}`,
			);
		}
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(path.dirname(dir), { recursive: true });
		renameSync(partial, dir);
	}
	return { bin, home, version: `v${WANTED}` };
}

/** Why node_modules must be (re)installed, or '' when it matches package-lock.json. */
function installNeeded() {
	const hidden = path.join(ROOT, 'node_modules', '.package-lock.json');
	if (!existsSync(hidden)) return 'node_modules is missing';
	const installed = JSON.parse(readFileSync(hidden, 'utf8')).packages || {};
	const locked =
		JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages || {};
	for (const [name, entry] of Object.entries(locked)) {
		if (name === '' || entry.link) continue;
		const found = installed[name];
		// Optional packages and those for other platforms are in the lockfile but may be absent.
		const mayLack = entry.optional || entry.devOptional || entry.os || entry.cpu || entry.libc;
		if (!found && mayLack) continue;
		if (!found || found.version !== entry.version) return `${name} differs from package-lock.json`;
	}
	if (existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() !== String(WANTED_MAJOR)) {
		return 'it was installed for another Node version';
	}
	return '';
}

const command = process.argv.slice(2);
if (command.length === 0) fail('usage: node scripts/toolchain.mjs <command> [arguments...]');

const node = ensureNode();
const env = { ...process.env, PATH: `${node.bin}${path.delimiter}${process.env.PATH || ''}` };
// npm sets these to the Node that started it; native builds must use the chosen one's headers.
for (const name of ['NODE', 'npm_node_execpath', 'npm_config_node_gyp']) delete env[name];
env.npm_config_nodedir = node.home;
env.AWIN_TOOLCHAIN = node.version;
if (node.bin !== path.dirname(process.execPath)) {
	console.log(
		`Using Node ${node.version} from ${node.bin} (to run other npm scripts: export PATH="${node.bin}:$PATH")`,
	);
}

const reason = installNeeded();
if (
	reason &&
	lstatSync(path.join(ROOT, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()
) {
	// npm ci would empty the folder the link points to, which other checkouts may be using.
	fail(`node_modules is a link and ${reason}: run npm ci where it points, or remove the link.`);
}
if (reason) {
	const began = Date.now();
	process.stdout.write(
		`Installing the project's packages with npm ci (${reason}; a few minutes the first time)... `,
	);
	// Errors only: npm's notices and warnings about install scripts are not for a newcomer's screen.
	const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (ci.status !== 0) {
		console.log('failed');
		process.exit(ci.status ?? 1);
	}
	console.log(`done (${Math.round((Date.now() - began) / 1000)} s)`);
	writeFileSync(STAMP, `${WANTED_MAJOR}\n`);
}

const child = spawn(command[0], command.slice(1), { cwd: process.cwd(), env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`could not start ${command[0]}: ${error.message}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));

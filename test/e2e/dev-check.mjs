/**
 * `node test/e2e/dev-check.mjs`: the README's `npm run dev` as a newcomer types it, checked. Starts
 * it with whatever Node and npm are first on the PATH (CI: the machine's Node 20, an empty home
 * folder), waits until it says it is ready, checks what it printed (an estimate before a first
 * start, one line per step, no compiler or installer output) and that n8n answers, then stops it
 * as Ctrl+C does. Plain JavaScript, so it runs on the machine's older Node. Ends with
 * "N passed, N failed, N skipped".
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READY_TIMEOUT_MS = 25 * 60_000;
const STOP_TIMEOUT_MS = 60_000;
// What compilers, node-gyp, make, pnpm and npm's script runner print; none of it belongs on screen.
const BUILD_NOISE =
	/\bgyp\b|node-gyp|warning: |\bCC\(|\bCXX\(|\.(c|cc|cpp|h):\d+:|\bmake(\[\d+\])?: |Progress: resolved|Packages: \+|prebuild-install/;

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const counts = { passed: 0, failed: 0, skipped: 0 };
function check(name, ok, detail = '') {
	counts[ok ? 'passed' : 'failed']++;
	console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${ok || !detail ? '' : `\n        ${detail}`}`);
}

const n8nPort = await freePort();
const sandboxPort = await freePort();
const firstStart = !existsSync(path.join(ROOT, '.n8n-host', '.installed'));
const began = Date.now();
console.log(
	`dev-check: npm run dev with ${process.version} first on the PATH, HOME=${process.env.HOME}`,
);

// Its own process group, so Ctrl+C can be sent as a terminal does: to npm and all below it.
const dev = spawn('npm', ['run', 'dev'], {
	cwd: ROOT,
	env: { ...process.env, N8N_PORT: String(n8nPort), SANDBOX_PORT: String(sandboxPort) },
	stdio: ['ignore', 'pipe', 'pipe'],
	detached: true,
});
let output = '';
const exited = new Promise((resolve) =>
	dev.once('exit', (code, signal) => resolve({ code, signal })),
);
const ready = new Promise((resolve) => {
	let shown = 0;
	const read = (chunk) => {
		output += chunk.toString('utf8');
		const complete = output.lastIndexOf('\n') + 1;
		if (complete > shown)
			process.stdout.write(`${output.slice(shown, complete - 1).replace(/^/gm, '  | ')}\n`);
		shown = Math.max(shown, complete);
		if (/^Ready in \d+ s/m.test(output)) resolve(true);
	};
	dev.stdout.on('data', read);
	dev.stderr.on('data', read);
	void exited.then(() => resolve(false));
	setTimeout(() => resolve(false), READY_TIMEOUT_MS).unref();
});

const isReady = await ready;
const seconds = Math.round((Date.now() - began) / 1000);
check(
	`npm run dev says it is ready (${seconds} s${firstStart ? ', first start' : ''})`,
	isReady,
	output.split('\n').slice(-20).join('\n        '),
);

const lines = output.split('\n');
const stepLines = lines.filter((line) => /^\[\d\/\d\] /.test(line));
check(
	'one line per step: install n8n, build, install the package, start n8n, import the examples, each done',
	stepLines.length === 5 &&
		stepLines.every((line, i) => line.startsWith(`[${i + 1}/5] `) && / done \(\d+ s\)$/.test(line)),
	stepLines.join(' / ') || 'no step lines',
);
const estimateAt = lines.findIndex((line) => /^First start: \d+ to \d+ minutes/.test(line));
const firstStepAt = lines.findIndex((line) => line.startsWith('[1/5] '));
if (firstStart) {
	check(
		'a first start says before its first step how long it takes and why',
		estimateAt !== -1 && estimateAt < firstStepAt,
		`estimate at line ${estimateAt}, step 1 at ${firstStepAt}`,
	);
} else {
	counts.skipped++;
	console.log('  skip  the first-start estimate (n8n was already installed here)');
}
const noise = lines.filter((line) => BUILD_NOISE.test(line));
check(
	'no compiler or installer output on screen',
	noise.length === 0,
	noise.slice(0, 5).join('\n        '),
);
const logLine = lines.find((line) => line.startsWith('Set-up output'));
const logFile = logLine && path.resolve(ROOT, logLine.slice(logLine.lastIndexOf(': ') + 2).trim());
check(
	'the set-up output went to the log file it names',
	Boolean(
		logFile &&
		existsSync(logFile) &&
		(!firstStart || /gyp info ok/.test(readFileSync(logFile, 'utf8'))),
	),
	`log: ${logFile}`,
);

if (isReady) {
	const answer = await fetch(`http://127.0.0.1:${n8nPort}/healthz`).then(
		(r) => r.status,
		(error) => String(error),
	);
	check(
		'n8n answers on the port it printed',
		answer === 200 && output.includes(`http://127.0.0.1:${n8nPort}`),
		`healthz: ${answer}`,
	);
}

// Ctrl+C.
try {
	process.kill(-dev.pid, 'SIGINT');
} catch {
	// already gone
}
const stopped = await Promise.race([
	exited,
	new Promise((resolve) => setTimeout(() => resolve(null), STOP_TIMEOUT_MS)),
]);
let n8nGone = false;
for (let i = 0; i < 60 && !n8nGone; i++) {
	n8nGone = await fetch(`http://127.0.0.1:${n8nPort}/healthz`).then(
		() => false,
		() => true,
	);
	if (!n8nGone) await new Promise((resolve) => setTimeout(resolve, 1000));
}
check(
	'Ctrl+C stops n8n and the sandbox',
	stopped !== null && n8nGone,
	`npm exited: ${stopped !== null}, n8n gone: ${n8nGone}`,
);
if (stopped === null) {
	try {
		process.kill(-dev.pid, 'SIGKILL');
	} catch {
		// already gone
	}
}

console.log(`dev-check wall time: ${Math.round((Date.now() - began) / 1000)} s`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 ? 0 : 1);

// n8n's verification gate, offline: the same ESLint config @n8n/scan-community-package builds,
// over the source files it scans and over the unpacked `npm pack` tarball, inline disables ignored.
// Stricter than the gate in one way: warnings count as findings too.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

import { checkLayout } from './layout.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function lint(dir, patterns, label) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const findings = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
	const formatted = await (await eslint.loadFormatter('stylish')).format(results);
	if (formatted.trim()) console.log(formatted);
	console.log(`lint ${label}: ${files.length} files, ${findings} findings`);
	return findings;
}

const packDir = mkdtempSync(path.join(tmpdir(), 'awin-lint-'));
try {
	let findings = await lint(root, SOURCE_FILE_PATTERNS, 'source');

	const layout = checkLayout(root);
	for (const finding of layout) console.log(finding);
	console.log(`lint layout (docs/architecture.md): ${layout.length} findings`);
	findings += layout.length;

	// Unused exports, files and dependencies (knip.json): an export nothing imports is dead weight
	// a reader must still understand.
	const knip = spawnSync(path.join(root, 'node_modules/.bin/knip'), ['--no-progress'], {
		cwd: root,
		encoding: 'utf8',
	});
	const knipOutput = `${knip.stdout ?? ''}${knip.stderr ?? ''}`.trim();
	if (knipOutput) console.log(knipOutput);
	const unused =
		knip.status === 0 ? 0 : Math.max(1, (knipOutput.match(/^\S.*:\d+:\d+\s*$/gm) ?? []).length);
	console.log(`lint unused code (knip): ${unused} findings`);
	findings += unused;

	// One format for the whole tree (.prettierrc.js, the starter's settings); `npm run format` fixes it.
	const prettier = spawnSync(
		path.join(root, 'node_modules/.bin/prettier'),
		['--check', '--log-level', 'warn', '.'],
		{ cwd: root, encoding: 'utf8' },
	);
	const prettierOutput = `${prettier.stdout ?? ''}${prettier.stderr ?? ''}`.trim();
	if (prettierOutput) console.log(prettierOutput);
	const unformatted =
		prettier.status === 0
			? 0
			: Math.max(1, (prettierOutput.match(/^\[warn\] (?!Code style)/gm) ?? []).length);
	console.log(`lint format (prettier): ${unformatted} findings`);
	findings += unformatted;

	execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	const unpacked = path.join(packDir, 'package');
	execFileSync('tar', ['-xzf', path.join(packDir, tarball), '-C', packDir]);
	findings += await lint(unpacked, ['**/*.js', 'package.json'], 'npm pack tarball');

	if (findings > 0) {
		console.error(`lint failed: ${findings} findings`);
		process.exitCode = 1;
	}
} finally {
	rmSync(packDir, { recursive: true, force: true });
}

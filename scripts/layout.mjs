// The layout's rules (docs/architecture.md), checked on every `npm run lint`: a rule a tool checks
// holds after the next change too, one a page only describes does not.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import glob from 'fast-glob';

const MAX_LINES = 300;

/** Every import specifier of a file, with whether it imports types only. */
function importsOf(text) {
	const found = [];
	const pattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)';/gm;
	for (const match of text.matchAll(pattern))
		found.push({ typeOnly: Boolean(match[1]), from: match[2] });
	return found;
}

/** The repository-relative path an import points at ('' for a package). */
function target(file, from) {
	if (!from.startsWith('.')) return '';
	return path.posix.normalize(path.posix.join(path.posix.dirname(file), from));
}

export function checkLayout(root) {
	const findings = [];
	const files = glob.sync(['nodes/**/*.ts', 'credentials/**/*.ts'], { cwd: root });
	for (const file of files) {
		const text = readFileSync(path.join(root, file), 'utf8');
		const say = (rule) => findings.push(`${file}: ${rule}`);

		const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
		if (lines > MAX_LINES)
			say(`${lines} lines; at most ${MAX_LINES} (move work to a helper beside it)`);

		// Parameters are read through the readers of nodes/shared/params/, which check them.
		if (!file.startsWith('nodes/shared/params/') && /\.getNodeParameter\(/.test(text)) {
			say('reads a parameter with getNodeParameter; use a reader of nodes/shared/params/');
		}

		for (const { typeOnly, from } of importsOf(text)) {
			const to = target(file, from);
			if (file.startsWith('credentials/') && to.startsWith('nodes/')) {
				say(`imports ${from}; credentials import nothing from nodes/`);
			}
			// Parameter fragments only: nothing that runs, besides the figures of limits.ts.
			if (file.startsWith('nodes/shared/descriptions/') && to && !typeOnly) {
				const allowed = to.startsWith('nodes/shared/descriptions/') || to === 'nodes/shared/limits';
				if (!allowed)
					say(`imports ${from}; descriptions import only other descriptions and limits`);
			}
			// The transport depends on no room but the readers' one function and the credentials.
			if (file.startsWith('nodes/shared/transport/') && to && !typeOnly) {
				const allowed =
					to.startsWith('nodes/shared/transport/') ||
					to === 'nodes/shared/limits' ||
					to === 'nodes/shared/params/parameter' ||
					to.startsWith('credentials/');
				if (!allowed)
					say(`imports ${from}; the transport imports only limits, credentials and itself`);
			}
		}
	}
	return findings;
}

/**
 * Loads this package's built nodes and credential types from dist, as n8n does from the
 * package.json "n8n" block. Node types are named `n8n-nodes-awin.<name>`, as in a real n8n.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

// Jest loads this file as CommonJS (__dirname); the bench loads it as an ES module under Node's
// type stripping, started by npm from the package root.
export const PACKAGE_ROOT =
	typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..') : process.cwd();
// Jest's own require under jest, so the nodes share the test's module registry (one n8n-workflow).
const requireFromRoot =
	typeof require === 'function' ? require : createRequire(path.join(PACKAGE_ROOT, 'package.json'));
export const PACKAGE_NAME = 'n8n-nodes-awin';

interface PackageJson {
	n8n: { nodes: string[]; credentials: string[] };
}

function loadClasses<T>(files: string[]): T[] {
	return files.map((file) => {
		const exported = requireFromRoot(path.join(PACKAGE_ROOT, file)) as Record<string, new () => T>;
		const Class = Object.values(exported).find((value) => typeof value === 'function');
		if (!Class) throw new Error(`${file} exports no class; run npm run build`);
		return new Class();
	});
}

const pkg = JSON.parse(
	readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'),
) as PackageJson;

export const nodeTypes: Record<string, INodeType> = Object.fromEntries(
	loadClasses<INodeType>(pkg.n8n.nodes).map((node) => [
		`${PACKAGE_NAME}.${node.description.name}`,
		node,
	]),
);

export const credentialTypes: Record<string, ICredentialType> = Object.fromEntries(
	loadClasses<ICredentialType>(pkg.n8n.credentials).map((cred) => [cred.name, cred]),
);

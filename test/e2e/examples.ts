/**
 * Every example workflow (examples/, sub-folders too) imported into the e2e n8n as a user imports
 * it, and held to what the docs promise: this package's nodes at their newest version, every node
 * type and version one this n8n has, no secret in the workflow file, and no webhook that anyone who
 * knows its URL can call. The rules are also run on a spoiled copy of an example, so a rule that
 * can no longer fail is noticed.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { check } from './checks.ts';
import { ROOT } from './host.ts';
import type { N8nRest } from './n8n.ts';
import type { WorkflowJson, WorkflowNode } from './workflows.ts';

type VersionRule = number | { _cnd: Record<string, number> };

interface TypeProperty {
	name: string;
	default?: unknown;
	displayOptions?: { show?: { '@version'?: VersionRule[] }; hide?: { '@version'?: VersionRule[] } };
}

interface NodeTypeInfo {
	name: string;
	version: number | number[];
	defaultVersion?: number;
	webhooks?: unknown[];
	properties?: TypeProperty[];
}

/**
 * Parameter names that hold a secret when set to a fixed value (an expression reads one at run
 * time).
 */
const SECRET_NAME = /secret|token|password|passwd|api[-_]?key|authorization|private[-_]?key/i;
/** Values that are a secret or a stand-in for one whatever the parameter is called. */
const SECRET_VALUE = /\bBearer\s+[\w.~+/-]{8,}|replace-with-a|x-api-key\s*[:=]\s*\S/i;

function exampleFiles(dir = path.join(ROOT, 'examples')): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) return exampleFiles(full);
			return entry.name.endsWith('.json') ? [full] : [];
		})
		.sort();
}

const versions = (type: NodeTypeInfo) =>
	Array.isArray(type.version) ? type.version : [type.version];
const newest = (type: NodeTypeInfo) => type.defaultVersion ?? Math.max(...versions(type));

const CONDITIONS: Record<string, (version: number, bound: number) => boolean> = {
	eq: (v, b) => v === b,
	gte: (v, b) => v >= b,
	gt: (v, b) => v > b,
	lte: (v, b) => v <= b,
	lt: (v, b) => v < b,
};
const matches = (version: number, rules: VersionRule[]) =>
	rules.some((rule) =>
		typeof rule === 'number'
			? rule === version
			: Object.entries(rule._cnd).every(([op, bound]) => CONDITIONS[op]?.(version, bound) ?? false),
	);

/** Whether the editor shows a property at this node version (only its version rules count). */
function shownAt(property: TypeProperty, version: number): boolean {
	const show = property.displayOptions?.show?.['@version'];
	const hide = property.displayOptions?.hide?.['@version'];
	return (!show || matches(version, show)) && !(hide && matches(version, hide));
}

/** Every string in a parameter tree with the name of the key that holds it. */
function* strings(value: unknown, key = ''): Generator<[string, string]> {
	if (typeof value === 'string') yield [key, value];
	else if (Array.isArray(value)) for (const entry of value) yield* strings(entry, key);
	else if (value && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		// n8n's { name, value } pairs (headers, query parameters): the name says what the value is.
		const pairName = typeof object.name === 'string' ? object.name : '';
		for (const [k, v] of Object.entries(object))
			yield* strings(v, k === 'value' && pairName ? pairName : k);
	}
}

/** What is wrong with one example, as sentences naming the node; empty when nothing is. */
function exampleProblems(
	workflow: WorkflowJson,
	types: Map<string, NodeTypeInfo>,
	packageName: string,
): string[] {
	const problems: string[] = [];
	for (const node of workflow.nodes) {
		const type = types.get(node.type);
		if (!type) {
			problems.push(`"${node.name}": n8n has no node type ${node.type}`);
			continue;
		}
		if (!versions(type).includes(node.typeVersion)) {
			problems.push(
				`"${node.name}": ${node.type} has no version ${node.typeVersion} ` +
					`(has ${versions(type).join(', ')})`,
			);
		}
		if (node.type.startsWith(`${packageName}.`) && node.typeVersion !== newest(type)) {
			problems.push(`"${node.name}": version ${node.typeVersion}, the newest is ${newest(type)}`);
		}
		for (const [key, value] of strings(node.parameters)) {
			if (value.startsWith('=') || value === '') continue;
			if (SECRET_NAME.test(key) || SECRET_VALUE.test(value))
				problems.push(`"${node.name}": a secret in the workflow (${key})`);
		}
		for (const [type, reference] of Object.entries(node.credentials ?? {})) {
			if (reference.id)
				problems.push(
					`"${node.name}": credential ${type} points at id ${reference.id} of another n8n`,
				);
		}
		problems.push(...webhookProblems(node, type));
	}
	return problems;
}

/**
 * A node that n8n serves a webhook for must check who calls it: its Authentication (as set, or the
 * node's default) is not "none", and a node without that setting does not count as checking.
 */
function webhookProblems(node: WorkflowNode, type: NodeTypeInfo): string[] {
	if (!type.webhooks?.length || node.disabled) return [];
	// Nodes that only wait for an answer to a message they sent (Slack's "send and wait") are not
	// started by their URL.
	if (!/trigger|webhook/i.test(node.type)) return [];
	const setting = node.parameters.authentication;
	const defaults = (type.properties ?? [])
		.filter((p) => p.name === 'authentication' && shownAt(p, node.typeVersion))
		.map((p) => p.default);
	if (setting === undefined && defaults.length === 0)
		return [`"${node.name}": a webhook without authentication (the node has no such setting)`];
	const effective = setting === undefined ? defaults : [setting];
	return effective.some((value) => value === 'none' || value === '' || value === undefined)
		? [
				`"${node.name}": a webhook without authentication ` +
					`(Authentication: ${String(setting ?? 'default none')})`,
			]
		: [];
}

export async function exampleImportChecks(rest: N8nRest, packageName: string): Promise<void> {
	const list = (await rest.types('nodes')) as NodeTypeInfo[];
	// n8n lists a type once per description (a versioned node once per version): keep every version
	// and the newest description.
	const types = new Map<string, NodeTypeInfo>();
	for (const type of list) {
		const known = types.get(type.name);
		const newer = !known || Math.max(...versions(type)) > Math.max(...versions(known));
		const version = [...new Set([...(known ? versions(known) : []), ...versions(type)])];
		types.set(type.name, { ...(newer ? type : known), version });
	}
	const files = exampleFiles();
	await check(`example import: ${files.length} workflow files found`, () =>
		assert.ok(files.length > 0),
	);

	for (const file of files) {
		const name = path.relative(ROOT, file);
		await check(
			`example import ${name}: stored as written, current versions, no secret, webhooks checked`,
			async () => {
				const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
				assert.deepEqual(exampleProblems(workflow, types, packageName), []);
				const saved = await rest.createWorkflow({
					...workflow,
					name: `import: ${workflow.name}`,
					active: false,
				});
				const stored = await rest.request<WorkflowJson>('GET', `/workflows/${saved.id}`);
				const shape = (w: WorkflowJson) =>
					w.nodes.map((n) => `${n.name} | ${n.type} | ${n.typeVersion}`).sort();
				assert.deepEqual(shape(stored), shape(workflow));
				assert.deepEqual(
					Object.keys(stored.connections).sort(),
					Object.keys(workflow.connections).sort(),
				);
			},
		);
	}

	await check(
		'example import rules refuse an old node version, a secret and an open webhook',
		() => {
			const example = JSON.parse(
				readFileSync(path.join(ROOT, 'examples', 'list-awin-accounts.json'), 'utf8'),
			) as WorkflowJson;
			const awin = example.nodes.find((n) => n.type === `${packageName}.awin`);
			assert.ok(awin, 'list-awin-accounts.json has an Awin node');
			const spoiled = structuredClone(example);
			const node = spoiled.nodes.find((n) => n.name === awin.name) as WorkflowNode;
			node.typeVersion = 1;
			node.parameters = {
				...node.parameters,
				headers: { parameters: [{ name: 'Authorization', value: 'Bearer abcdefgh12345678' }] },
			};
			spoiled.nodes.push(
				{
					name: 'Open Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: newest(types.get('n8n-nodes-base.webhook')!),
					position: [0, 200],
					parameters: { path: 'x' },
				},
				{
					name: 'Old Awin Trigger',
					type: `${packageName}.awinTrigger`,
					typeVersion: 1,
					position: [0, 400],
					parameters: { event: 'transactionNotification', secretToken: 'a-made-up-secret-value' },
				},
			);
			const problems = exampleProblems(spoiled, types, packageName).join('\n');
			for (const expected of [
				new RegExp(`"${awin.name}": version 1, the newest is`),
				new RegExp(`"${awin.name}": a secret in the workflow \\(Authorization\\)`),
				/"Open Webhook": a webhook without authentication/,
				/"Old Awin Trigger": version 1, the newest is 2/,
				/"Old Awin Trigger": a secret in the workflow \(secretToken\)/,
				/"Old Awin Trigger": a webhook without authentication/,
			]) {
				assert.match(problems, expected);
			}
		},
	);
}

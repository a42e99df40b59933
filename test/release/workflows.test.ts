/**
 * The release workflows n8n's verification asks for: they parse, run the README's test command,
 * and publish only from a version tag with a provenance statement and no stored npm token.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Step = {
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
};
type Workflow = {
	on: Record<string, { tags?: string[]; branches?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<
		string,
		{
			steps: Step[];
			strategy?: { matrix?: { node?: number[] } };
			permissions?: Record<string, string>;
		}
	>;
};

function workflow(file: string): Workflow {
	return parse(read(file)) as Workflow;
}
function runs(wf: Workflow): string[] {
	return Object.values(wf.jobs).flatMap((job) =>
		job.steps.map((step) => step.run ?? '').filter(Boolean),
	);
}

/** The commands the README's code block tells a newcomer to type (`npm run dev`, `npm test`). */
function readmeCommands(): string[] {
	const blocks = [...read('README.md').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
	return blocks.flatMap((block) =>
		block
			.split('\n')
			.map((line) => line.replace(/#.*/, '').trim())
			.filter(Boolean),
	);
}

describe('release workflows', () => {
	const readmeTest = readmeCommands().find((command) => /^npm (run )?test$/.test(command));

	test('the README names a test command', () => {
		expect(readmeTest).toBe('npm test');
	});

	test('ci.yml runs the README test command after npm ci on the Node the package needs, only', () => {
		// The one Node major engines allows and .nvmrc pins: an older leg could not even install.
		const major = Number(read('.nvmrc').trim().split('.')[0]);
		expect((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node).toBe(
			`>=${major}`,
		);
		const ci = workflow('.github/workflows/ci.yml');
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
		const job = Object.values(ci.jobs)[0];
		expect(job.strategy?.matrix?.node).toEqual([major]);
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['node-version']).toBe('${{ matrix.node }}');
		const commands = runs(ci);
		expect(commands.indexOf('npm ci')).toBeGreaterThanOrEqual(0);
		expect(commands.indexOf(readmeTest!)).toBeGreaterThan(commands.indexOf('npm ci'));
		// What the browser test needs from the system is installed with apt-get.
		expect(commands.some((c) => /apt-get install -y chromium/.test(c))).toBe(true);
	});

	test('publish.yml publishes a version tag with provenance after the tests, with no npm token', () => {
		const text = read('.github/workflows/publish.yml');
		const publish = workflow('.github/workflows/publish.yml');
		expect(publish.on.push?.tags).toEqual(['v*.*.*']);
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.permissions?.['id-token']).toBe('write');
		const commands = runs(publish);
		const publishAt = commands.indexOf('npm publish --provenance --access public');
		expect(publishAt).toBeGreaterThan(commands.indexOf(readmeTest!));
		expect(commands.indexOf(readmeTest!)).toBeGreaterThan(commands.indexOf('npm ci'));
		expect(commands.some((c) => c.includes('GITHUB_REF_NAME') && c.includes('package.json'))).toBe(
			true,
		);
		// Trusted publishing: no token, no secret of any kind.
		expect(text).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
	});

	test('the changelog has an Unreleased section and the package version', () => {
		const changelog = read('CHANGELOG.md');
		const version = JSON.parse(read('package.json')).version as string;
		expect(changelog).toMatch(/^## \[Unreleased\]$/m);
		expect(changelog).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm'));
	});

	test('the README first screen is shorter than 150 lines and links its docs pages', () => {
		const readme = read('README.md');
		expect(readme.split('\n').length).toBeLessThan(150);
		const links = [...readme.matchAll(/\]\(((?:docs\/)[^)#]+)/g)].map((m) => m[1]);
		expect(links.length).toBeGreaterThan(5);
	});
});

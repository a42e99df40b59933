/**
 * The "Docs" link of each node panel (the codex files' resources) and every relative link of the
 * README and docs/ land on a file of this repository and on a heading that exists in it, by
 * GitHub's rules for heading anchors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_ROOT } from '../harness/index.ts';

const REPOSITORY = 'https://github.com/n8n-nodes-awin/n8n-nodes-awin';

/** GitHub's anchor of a heading: lower case, no punctuation, hyphens, repeats numbered. */
function githubAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	const withoutCode = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
	for (const [, heading] of withoutCode.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
		const text = heading
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<[^>]+>/g, '')
			.trim()
			.toLowerCase();
		const base = text.replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '').replace(/ /g, '-');
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

/** Problems with one link into the repository: a missing file or a missing heading. */
function linkProblem(file: string, anchor: string | undefined): string | undefined {
	const full = path.join(PACKAGE_ROOT, file);
	if (!existsSync(full)) return `${file} does not exist`;
	if (!anchor || !file.endsWith('.md')) return undefined;
	return githubAnchors(readFileSync(full, 'utf8')).has(anchor)
		? undefined
		: `${file} has no heading #${anchor}`;
}

const codexFiles = readdirSync(path.join(PACKAGE_ROOT, 'nodes'), {
	recursive: true,
	encoding: 'utf8',
})
	.filter((file) => file.endsWith('.node.json'))
	.map((file) => path.join('nodes', file));

describe('the Docs links of the node panels', () => {
	test.each(codexFiles)('%s points at headings that exist', (codexFile) => {
		const codex = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, codexFile), 'utf8')) as {
			resources: Record<string, Array<{ url: string }>>;
		};
		const urls = Object.values(codex.resources)
			.flat()
			.map((resource) => resource.url);
		expect(urls.length).toBeGreaterThan(0);
		expect(codex.resources.primaryDocumentation?.length).toBeGreaterThan(0);
		for (const url of urls) {
			expect(url.startsWith(`${REPOSITORY}/blob/main/`) || url.startsWith(`${REPOSITORY}#`)).toBe(
				true,
			);
			const [location, anchor] = url.slice(REPOSITORY.length).split('#');
			const file = location === '' ? 'README.md' : location.replace(/^\/blob\/main\//, '');
			// A link to a page's top says nothing about where to look: each one names its section.
			expect({ url, anchor }).toEqual({ url, anchor: expect.stringMatching(/\S/) });
			expect({ url, problem: linkProblem(file, anchor) }).toEqual({ url, problem: undefined });
		}
	});
});

const pages = [
	'README.md',
	...readdirSync(path.join(PACKAGE_ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.md'))
		.map((f) => path.join('docs', f)),
];

describe('relative links in the README and docs/', () => {
	test.each(pages)('%s', (page) => {
		const text = readFileSync(path.join(PACKAGE_ROOT, page), 'utf8').replace(
			/^(```|~~~)[\s\S]*?^\1/gm,
			'',
		);
		const problems: string[] = [];
		for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
			if (/^[a-z]+:/i.test(target)) continue;
			const [location, anchor] = target.split('#');
			const file =
				location === ''
					? page
					: path.normalize(path.join(path.dirname(page), decodeURIComponent(location)));
			const problem = linkProblem(file, anchor);
			if (problem) problems.push(`${target}: ${problem}`);
		}
		expect(problems).toEqual([]);
	});
});

test('anchors as GitHub makes them: code and links as text, repeats numbered', () => {
	const anchors = githubAnchors(
		[
			'# Awin Trigger',
			'## Validation: Transaction > Validate',
			'## `Skip Orders Already Sent`',
			'## [Orders](orders.md) and links',
			'## Awin Trigger',
			'```',
			'# not a heading',
			'```',
		].join('\n'),
	);
	expect([...anchors]).toEqual([
		'awin-trigger',
		'validation-transaction--validate',
		'skip-orders-already-sent',
		'orders-and-links',
		'awin-trigger-1',
	]);
});

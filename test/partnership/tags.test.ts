import { partnerships } from '../sandbox/routes/partnerships.ts';
import { ADVERTISER, runner, usePublicSandbox } from './setup.ts';

const env = usePublicSandbox();
const run = runner(env);
const tagsOf = (publisherId: number) =>
	partnerships(env.sandbox).find((p) => p.advertiser.id === 10001 && p.publisher.id === publisherId)
		?.tags;
const setTags = (extra: Record<string, unknown>) => ({
	operation: 'setTags',
	advertiserId: ADVERTISER,
	partnerPublisherId: '20001',
	...extra,
});

describe('Partnership > Get Tags', () => {
	test("reads one publisher's tags", async () => {
		const result = await run({
			operation: 'getTags',
			advertiserId: ADVERTISER,
			partnerPublisherId: '20001',
		});
		expect(env.sandbox.requests[0].path).toBe(
			'/public/v1/advertisers/10001/publishers/20001/partnership-tags',
		);
		expect(result.output('Awin')[0].json).toMatchObject({
			publisherId: '20001',
			tags: ['cashback', 'top-10'],
		});
	});
});

describe('Partnership > Set Tags', () => {
	test('Replace sends exactly the names given (trimmed), without reading first', async () => {
		const result = await run(setTags({ tagMode: 'replace', tagNames: ' vip , summer ' }));
		expect(env.sandbox.requests.map((r) => r.method)).toEqual(['PUT']);
		expect(env.sandbox.requests[0].body).toEqual({
			partnershipTags: [{ name: 'vip' }, { name: 'summer' }],
		});
		expect(result.output('Awin')[0].json).toMatchObject({ tags: ['summer', 'vip'] });
		expect(tagsOf(20001)).toEqual(['vip', 'summer']);
	});

	test('Add reads the current set first and keeps it', async () => {
		const result = await run(setTags({ tagMode: 'add', tagNames: 'vip,cashback' }));
		expect(env.sandbox.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
		expect(env.sandbox.requests[1].body).toEqual({
			partnershipTags: [{ name: 'cashback' }, { name: 'top-10' }, { name: 'vip' }],
		});
		expect(result.output('Awin')[0].json.tags).toEqual(['cashback', 'top-10', 'vip']);
	});

	test('Remove reads the current set first and takes only the names given away', async () => {
		await run(setTags({ tagMode: 'remove', tagNames: 'top-10,unknown' }));
		expect(env.sandbox.requests[1].body).toEqual({ partnershipTags: [{ name: 'cashback' }] });
		expect(tagsOf(20001)).toEqual(['cashback']);
	});

	test.each([
		['a name over 55 characters', 'x'.repeat(56), /must each be 1 to 55 characters/],
		[
			'more than 1000 names',
			Array.from({ length: 1001 }, (_, n) => `t${n}`).join(','),
			/at most 1000 tags/,
		],
		['repeated names', 'vip,vip', /repeats "vip"/],
	])('%s is refused before any call', async (_, tagNames, why) => {
		const result = await run(setTags({ tagMode: 'replace', tagNames }));
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(/^Item 0: "Tag Names" /);
		expect(result.nodes.Awin.error?.message).toMatch(why);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('Add that would pass 1000 tags is refused after the read, before the write', async () => {
		partnerships(env.sandbox).find(
			(p) => p.publisher.id === 20001 && p.advertiser.id === 10001,
		)!.tags = Array.from({ length: 1000 }, (_, n) => `t${n}`);
		const result = await run(setTags({ tagMode: 'add', tagNames: 'one-more' }));
		expect(result.status).toBe('error');
		expect(result.nodes.Awin.error?.message).toMatch(/1001 tags/);
		expect(env.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
	});
});

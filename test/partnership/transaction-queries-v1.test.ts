import { PUBLISHER, usePublicSandbox } from './setup.ts';
import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import type { INodeParameters } from 'n8n-workflow';

const env = usePublicSandbox();
const run = (parameters: Record<string, unknown>) =>
	runWorkflow(
		workflowOf(
			awinNode({
				resource: 'transactionQuery',
				operation: 'getManyV1',
				publisherId: PUBLISHER,
				...parameters,
			} as INodeParameters),
		),
		{
			credentials: credentialsFor(env.sandbox),
			start: { node: 'Start', items: [{ json: {} }] },
		},
	);

describe('Transaction Query > Get Many (Public API)', () => {
	test('a 70-day range goes as three listings of at most 31 days, each read to its last page', async () => {
		const result = await run({ startDate: '2026-01-01', endDate: '2026-03-11', returnAll: true });

		expect(result.status).toBe('success');
		const calls = env.sandbox.requests;
		const ranges = [
			...new Set(calls.map((c) => `${c.query.transactionDateGte} ${c.query.transactionDateLt}`)),
		];
		expect(ranges).toEqual([
			'2026-01-01T00:00:00.000Z 2026-02-01T00:00:00.000Z',
			'2026-02-01T00:00:00.000Z 2026-03-04T00:00:00.000Z',
			'2026-03-04T00:00:00.000Z 2026-03-12T00:00:00.000Z',
		]);
		// 31 + 31 + 8 queries, 10 a page: 4 + 4 + 1 calls, tokens only after the first page of each.
		expect(calls).toHaveLength(9);
		expect(calls.filter((c) => c.query.pageToken === undefined)).toHaveLength(3);
		const ids = result.output('Awin').map((i) => i.json.id);
		expect(ids).toHaveLength(70);
		expect(new Set(ids).size).toBe(70);
	});

	test('Limit stops paging early', async () => {
		const result = await run({ startDate: '2026-01-01', endDate: '2026-01-31', limit: 12 });
		expect(result.output('Awin')).toHaveLength(12);
		expect(env.sandbox.requests).toHaveLength(2);
	});

	test('the range is on the chosen date type', async () => {
		await run({
			startDate: '2026-01-01',
			endDate: '2026-01-05',
			dateType: 'validationDate',
			returnAll: true,
		});
		expect(Object.keys(env.sandbox.requests[0].query).sort()).toEqual([
			'validationDateGte',
			'validationDateLt',
		]);
	});
});

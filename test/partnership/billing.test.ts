import { BILLING_DOCUMENTS } from '../sandbox/routes/billing.ts';
import { ADVERTISER, usePublicSandbox, VIEWER_ADVERTISER } from './setup.ts';
import { awinNode, credentialsFor, runWorkflow, workflowOf } from '../harness/index.ts';
import type { INodeParameters } from 'n8n-workflow';

const env = usePublicSandbox();
const run = (parameters: Record<string, unknown>) =>
	runWorkflow(workflowOf(awinNode({ resource: 'billing', ...parameters } as INodeParameters)), {
		credentials: credentialsFor(env.sandbox),
		start: { node: 'Start', items: [{ json: {} }] },
	});

describe('Billing', () => {
	test('Get Documents with Return All pages of 100 to the end, newest first', async () => {
		const result = await run({
			operation: 'getDocuments',
			advertiserId: ADVERTISER,
			returnAll: true,
		});
		expect(env.sandbox.requests.map((r) => [r.path, r.query.limit, r.query.offset])).toEqual([
			['/public/v1/advertisers/10001/billing-documents', '100', '0'],
			['/public/v1/advertisers/10001/billing-documents', '100', '100'],
			['/public/v1/advertisers/10001/billing-documents', '100', '200'],
		]);
		const items = result.output('Awin');
		expect(items).toHaveLength(BILLING_DOCUMENTS);
		expect(items[0].json.documentDate).toBe('2026-11-30');
	});

	test('Get Documents by type and limit', async () => {
		const result = await run({
			operation: 'getDocuments',
			advertiserId: ADVERTISER,
			documentType: 'CREDIT_NOTE',
			limit: 3,
		});
		expect(env.sandbox.requests[0].query).toEqual({
			documentType: 'CREDIT_NOTE',
			limit: '3',
			offset: '0',
		});
		expect(result.output('Awin').map((i) => i.json.documentType)).toEqual([
			'CREDIT_NOTE',
			'CREDIT_NOTE',
			'CREDIT_NOTE',
		]);
	});

	test("Get Documents without the Admin role fails with Awin's 403 words", async () => {
		const result = await run({
			operation: 'getDocuments',
			advertiserId: VIEWER_ADVERTISER,
			limit: 5,
		});
		expect(result.nodes.Awin.error?.httpCode).toBe('403');
		expect(result.nodes.Awin.error?.description).toMatch(/Admin role on advertiser account 10002/);
	});

	test("Get Prepayment Account; an account without one is Awin's 404", async () => {
		const result = await run({ operation: 'getPrepayments', advertiserId: ADVERTISER });
		expect(result.output('Awin')[0].json).toMatchObject({
			advertiserId: '10001',
			linkStatus: { status: 'OFFLINE' },
		});
		const none = await run({ operation: 'getPrepayments', advertiserId: VIEWER_ADVERTISER });
		expect(none.nodes.Awin.error?.httpCode).toBe('404');
	});

	test('Get Prepayment Link Status Changes sends the range as Gte (inclusive) and Lt (exclusive)', async () => {
		const result = await run({
			operation: 'getLinkStatusChanges',
			advertiserId: ADVERTISER,
			startDate: '2026-10-01',
			endDate: '2026-11-30',
			returnAll: true,
		});
		expect(env.sandbox.requests[0].query).toMatchObject({
			statusChangedAtGte: '2026-10-01T00:00:00.000Z',
			statusChangedAtLt: '2026-12-01T00:00:00.000Z',
		});
		expect(result.output('Awin').map((i) => i.json.status)).toEqual(['OFFLINE', 'ONLINE']);
	});

	test('an end before the start is refused before any call', async () => {
		const result = await run({
			operation: 'getLinkStatusChanges',
			advertiserId: ADVERTISER,
			startDate: '2026-11-30',
			endDate: '2026-10-01',
			returnAll: true,
		});
		expect(result.nodes.Awin.error?.message).toMatch(
			/^Item 0: "End Date" must not be before the Start Date/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

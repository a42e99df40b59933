/**
 * "Database Rows" on Transaction > Get Many and the publisher and creative reports: the fields are
 * the columns of examples/warehouse/schema.sql one to one, amounts numbers, dates ISO 8601 with the
 * offset of the timezone asked, reports one call and one date per day. Through the n8n engine
 * against the sandbox.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';
import type { INodeParameters } from 'n8n-workflow';

import {
	awinNode,
	credentialsFor,
	PACKAGE_ROOT,
	runWorkflow,
	workflowOf,
} from '../harness/index.ts';
import { transactionsBetween } from '../sandbox/routes/transactions.ts';
import { useSandbox } from '../client/support.ts';

const QUOTA = { limit: 1_000, windowMs: 60_000 };
const sandbox = useSandbox({ quotas: { bearer: QUOTA } }, { quotas: { bearer: QUOTA } });

/** The column names of one CREATE TABLE in schema.sql, in order. */
function columnsOf(table: string): string[] {
	const sql = readFileSync(
		path.join(PACKAGE_ROOT, 'examples/warehouse/schema.sql'),
		'utf8',
	).replace(/--[^\n]*/g, '');
	const body =
		new RegExp(`CREATE TABLE IF NOT EXISTS ${table} \\(([\\s\\S]*?)\\n\\);`).exec(sql)?.[1] ?? '';
	return body
		.split(/,(?![^(]*\))/)
		.map((part) => part.trim().split(/\s+/)[0])
		.filter((name) => name && name !== 'PRIMARY');
}

const advertiser = {
	accountType: 'advertiser',
	advertiserId: { __rl: true, mode: 'list', value: '10001' },
};
const run = async (params: INodeParameters) =>
	await runWorkflow(workflowOf(awinNode({ returnAll: true, databaseRows: true, ...params })), {
		credentials: credentialsFor(sandbox),
	});

test('Transaction > Get Many: one row per transaction in the awin_transactions columns, dates with offset, amounts as numbers', async () => {
	const result = await run({
		resource: 'transaction',
		operation: 'getMany',
		...advertiser,
		startDate: '2024-01-10',
		endDate: '2024-01-11',
		timezone: 'Europe/Berlin',
	});
	expect(result.status).toBe('success');
	const rows = result.output('Awin').map((item) => item.json);
	const from = DateTime.fromISO('2024-01-10T00:00:00', { zone: 'Europe/Berlin' }).toMillis();
	const to = DateTime.fromISO('2024-01-11T23:59:59', { zone: 'Europe/Berlin' }).toMillis();
	const expected = transactionsBetween('advertiser', 10001, from, to);
	expect(rows.map((r) => r.transaction_id)).toEqual(expected.map((t) => t.id));
	const columns = columnsOf('awin_transactions');
	expect(columns.length).toBeGreaterThan(30);
	for (const [index, row] of rows.entries()) {
		const t = expected[index];
		expect(Object.keys(row)).toEqual(columns);
		// Berlin in January is UTC+1: the offset is written, the instant is the sandbox's.
		expect(row.transaction_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+01:00$/);
		expect(Date.parse(String(row.transaction_date))).toBe(t.transactionTime);
		expect(row).toMatchObject({
			sale_amount: t.sale,
			commission_amount: t.commission,
			sale_currency: t.currency,
			commission_status: t.status,
		});
		expect(
			JSON.parse(String(row.transaction_parts)).map(
				(p: { commissionGroupCode: string }) => p.commissionGroupCode,
			),
		).toEqual(t.parts.map((p) => p.code));
	}
});

test.each([
	['getPublisherPerformance', 'awin_stats_by_publisher', {}],
	['getCreativePerformance', 'awin_stats_by_creative', { accountType: 'advertiser', region: 'GB' }],
])(
	'Report > %s: one call per day, each row dated, in the %s columns',
	async (operation, table, extra) => {
		const result = await run({
			resource: 'report',
			operation,
			...advertiser,
			...extra,
			startDate: '2024-02-28',
			endDate: '2024-03-01',
			timezone: 'UTC',
		});
		expect(result.status).toBe('success');
		expect(sandbox.requests.map((r) => [r.query.startDate, r.query.endDate])).toEqual([
			['2024-02-28', '2024-02-28'],
			['2024-02-29', '2024-02-29'],
			['2024-03-01', '2024-03-01'],
		]);
		const rows = result.output('Awin').map((item) => item.json);
		expect(new Set(rows.map((r) => r.date))).toEqual(
			new Set(['2024-02-28', '2024-02-29', '2024-03-01']),
		);
		for (const row of rows) {
			expect(Object.keys(row)).toEqual(columnsOf(table));
			for (const figure of ['impressions', 'clicks', 'total_no', 'total_value', 'total_comm'])
				expect(typeof row[figure]).toBe('number');
		}
	},
);

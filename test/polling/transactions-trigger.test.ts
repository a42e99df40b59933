/**
 * The Awin Transactions Trigger polled like an active workflow (n8n-core's PollContext, static
 * data kept between polls) against the sandbox, whose transactions the tests change between polls.
 * The sandbox's shop is made quiet at the start, so only the tests' changes happen.
 */
import { DateTime } from 'luxon';

import type { AwinSandbox } from '../harness/index.ts';
import { credentialsFor, startPolling, startSandbox } from '../harness/index.ts';
import { setLimitsForTests } from '../harness/limits.ts';
import { sandboxTransactions } from '../sandbox/routes/transactions.ts';
import { advertiser, DAY_MS, memoryOf, publisher, TRIGGER, triggerWorkflow } from './helpers.ts';

// Plenty: the shared quota has its own test (quota.test.ts).
const QUOTA = { limit: 1_000, windowMs: 60_000 };

let sandbox: AwinSandbox;
let tx: ReturnType<typeof sandboxTransactions>;
beforeAll(async () => {
	setLimitsForTests({ quotas: { bearer: QUOTA } });
	sandbox = await startSandbox({ quotas: { bearer: QUOTA } });
	tx = sandboxTransactions(sandbox);
	tx.quiet();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const lastDays = (
	days: number,
	accountType: 'advertiser' | 'publisher' = 'advertiser',
	id = 10001,
) => tx.between(accountType, id, Date.now() - days * DAY_MS, Date.now());

describe('Awin Transactions Trigger', () => {
	test('first poll records silently; then each new, re-statused or amended transaction is emitted once', async () => {
		const poller = startPolling(triggerWorkflow({ ...advertiser }), {
			credentials: credentialsFor(sandbox),
		});

		const first = await poller.poll();
		expect(first.started).toBe(false);
		const calls = sandbox.requestsTo(/^\/advertisers\/10001\/transactions\/?$/);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toMatchObject({ timezone: 'UTC', dateType: 'transaction' });
		const span = DateTime.fromISO(calls[0].query.endDate, { zone: 'UTC' }).diff(
			DateTime.fromISO(calls[0].query.startDate, { zone: 'UTC' }),
			'days',
		).days;
		expect(span).toBe(30);
		const existing = lastDays(30);
		expect(existing.length).toBeGreaterThan(40);
		expect(Object.keys(memoryOf(poller.savedStaticData).seen).sort()).toEqual(
			existing.map((t) => String(t.id)).sort(),
		);

		expect((await poller.poll()).started).toBe(false);

		const pending = existing.find((t) => t.status === 'pending')!;
		const approved = existing.find((t) => t.status === 'approved' && !t.amended)!;
		tx.setStatus(pending.id, 'approved');
		tx.amend(approved.id, 123.45);
		// Registered late by Awin: dated before the previous poll, still found.
		const late = tx.add({
			advertiserId: 10001,
			publisherId: 20001,
			at: Date.now() - 2 * 3_600_000,
		});

		const third = await poller.poll();
		expect(third.started).toBe(true);
		const byId = Object.fromEntries(third.items.map((i) => [i.json.id, i.json]));
		expect(third.items).toHaveLength(3);
		expect(byId[pending.id]).toMatchObject({
			change: 'statusChanged',
			previousStatus: 'pending',
			commissionStatus: 'approved',
		});
		expect(byId[approved.id]).toMatchObject({
			change: 'amended',
			previousStatus: 'approved',
			commissionStatus: 'approved',
			saleAmount: { amount: 123.45, currency: 'GBP' },
		});
		expect(byId[late.id]).toMatchObject({
			change: 'new',
			previousStatus: null,
			commissionStatus: 'pending',
		});
		// Oldest first, and the workflow received them.
		const dates = third.items.map((i) => String(i.json.transactionDate));
		expect([...dates].sort()).toEqual(dates);
		expect(third.run?.output('Next').map((i) => i.json.id)).toEqual(
			third.items.map((i) => i.json.id),
		);

		expect((await poller.poll()).started).toBe(false);

		// The memory survives a restart of n8n (it was saved with the workflow).
		poller.restart();
		expect((await poller.poll()).started).toBe(false);
		tx.setStatus(late.id, 'declined');
		const afterRestart = await poller.poll();
		expect(
			afterRestart.items.map((i) => [
				i.json.id,
				i.json.change,
				i.json.previousStatus,
				i.json.commissionStatus,
			]),
		).toEqual([[late.id, 'statusChanged', 'pending', 'declined']]);
		expect((await poller.poll()).started).toBe(false);
	});

	test('Statuses: only approved ones are emitted; a pending sale is remembered and emitted when approved', async () => {
		const poller = startPolling(
			triggerWorkflow({ ...advertiser, options: { statuses: ['approved'] } }),
			{
				credentials: credentialsFor(sandbox),
			},
		);
		await poller.poll();

		const sale = tx.add({ advertiserId: 10001, publisherId: 30001, at: Date.now() - 60_000 });
		const declined = lastDays(30).find((t) => t.status === 'pending' && t.id !== sale.id)!;
		tx.setStatus(declined.id, 'declined');
		expect((await poller.poll()).started).toBe(false);
		expect(memoryOf(poller.savedStaticData).seen[String(sale.id)]).toMatch(/^pending\|/);

		tx.setStatus(sale.id, 'approved');
		const emitted = await poller.poll();
		expect(emitted.items.map((i) => [i.json.id, i.json.change, i.json.previousStatus])).toEqual([
			[sale.id, 'statusChanged', 'pending'],
		]);
	});

	test('Emit Existing on First Poll: the first poll emits the whole window once, as new', async () => {
		const poller = startPolling(
			triggerWorkflow({ ...advertiser, lookBackDays: 10, options: { emitExisting: true } }),
			{
				credentials: credentialsFor(sandbox),
			},
		);
		const first = await poller.poll();
		const expected = lastDays(10).map((t) => t.id);
		expect(first.items.map((i) => i.json.id).sort()).toEqual([...expected].sort());
		expect(
			first.items.every((i) => i.json.change === 'new' && i.json.previousStatus === null),
		).toBe(true);
		expect((await poller.poll()).started).toBe(false);
	});

	test('look-back of 45 days: two contiguous windows, transactions at their border emitted once each', async () => {
		const poller = startPolling(triggerWorkflow({ ...advertiser, lookBackDays: 45 }), {
			credentials: credentialsFor(sandbox),
		});
		await poller.poll();

		// The second window starts 14 days before the poll (45 = 31 + 14); the poll comes within
		// a second or so, so these three straddle the border whichever second it falls on.
		const border = Math.floor((Date.now() - 14 * DAY_MS) / 1000) * 1000;
		const added = [-1000, 0, 1000, 2000].map((offset) =>
			tx.add({ advertiserId: 10001, publisherId: 30002, at: border + offset }),
		);
		sandbox.reset();
		const second = await poller.poll();

		const [a, b] = sandbox.requestsTo(/\/transactions/);
		const end = DateTime.fromISO(a.query.endDate, { zone: 'UTC' });
		expect(DateTime.fromISO(b.query.startDate, { zone: 'UTC' }).diff(end).as('seconds')).toBe(1);
		const borderMs = DateTime.fromISO(b.query.startDate, { zone: 'UTC' }).toMillis();
		expect(added.some((t) => t.transactionTime < borderMs)).toBe(true);
		expect(added.some((t) => t.transactionTime >= borderMs)).toBe(true);

		expect(second.items.map((i) => i.json.id)).toEqual(added.map((t) => t.id));
		expect(second.items.every((i) => i.json.change === 'new')).toBe(true);
		expect((await poller.poll()).started).toBe(false);
	});

	test('a shorter look-back drops what is older from the memory, and emits nothing for it', async () => {
		const poller = startPolling(triggerWorkflow({ ...advertiser, lookBackDays: 30 }), {
			credentials: credentialsFor(sandbox),
		});
		await poller.poll();
		expect(Object.keys(memoryOf(poller.savedStaticData).seen).length).toBe(lastDays(30).length);

		// The user lowers Look-Back Days; n8n keeps the static data.
		const shorter = startPolling(
			triggerWorkflow({ ...advertiser, lookBackDays: 7 }, poller.savedStaticData),
			{
				credentials: credentialsFor(sandbox),
			},
		);
		expect((await shorter.poll()).started).toBe(false);
		const seen = memoryOf(shorter.savedStaticData).seen;
		expect(Object.keys(seen).sort()).toEqual(
			lastDays(7)
				.map((t) => String(t.id))
				.sort(),
		);
		expect(
			Object.values(seen).every(
				(entry) => Number(entry.split('|')[2]) >= Date.now() - 7 * DAY_MS - 60_000,
			),
		).toBe(true);
	});

	test('the memory is capped: the newest are remembered, the older ones are neither re-emitted nor watched', async () => {
		setLimitsForTests({ transactionsTrigger: { maxRemembered: 20 } });
		try {
			const poller = startPolling(triggerWorkflow({ ...advertiser }), {
				credentials: credentialsFor(sandbox),
			});
			await poller.poll();
			const memory = memoryOf(poller.savedStaticData);
			const newestFirst = [...lastDays(30)].sort(
				(x, y) => y.transactionTime - x.transactionTime || y.id - x.id,
			);
			expect(Object.keys(memory.seen).sort()).toEqual(
				newestFirst
					.slice(0, 20)
					.map((t) => String(t.id))
					.sort(),
			);
			expect(memory.forgottenUpTo).toBe(newestFirst[20].transactionTime);
			// About 45 bytes per transaction in the workflow row.
			expect(JSON.stringify(poller.savedStaticData).length).toBeLessThan(20 * 70);

			// The forgotten ones are not "new" on the next poll.
			expect((await poller.poll()).started).toBe(false);

			const remembered = newestFirst.slice(0, 20).find((t) => t.status === 'pending')!;
			const forgotten = newestFirst.slice(20).find((t) => t.status === 'pending')!;
			tx.setStatus(remembered.id, 'approved');
			tx.setStatus(forgotten.id, 'approved');
			const fresh = tx.add({ advertiserId: 10001, publisherId: 20001, at: Date.now() - 5_000 });
			const changed = await poller.poll();
			expect(changed.items.map((i) => [i.json.id, i.json.change])).toEqual([
				[remembered.id, 'statusChanged'],
				[fresh.id, 'new'],
			]);
			expect(Object.keys(memoryOf(poller.savedStaticData).seen)).toHaveLength(20);
		} finally {
			setLimitsForTests({ transactionsTrigger: { maxRemembered: 10_000 } });
		}
	});

	test('manual test: the newest transactions as examples, the memory untouched', async () => {
		const poller = startPolling(triggerWorkflow({ ...advertiser, options: { simplify: true } }), {
			credentials: credentialsFor(sandbox),
		});
		await poller.poll();
		const pending = lastDays(30)
			.filter((t) => t.status === 'pending')
			.at(-1)!;
		tx.setStatus(pending.id, 'declined');
		const before = poller.savedStaticData;

		const { run, staticData } = await poller.testRun();
		expect(run.status).toBe('success');
		const items = run.output(TRIGGER);
		const newest = [...lastDays(30)]
			.sort((x, y) => y.transactionTime - x.transactionTime)
			.slice(0, 5);
		expect(items.map((i) => i.json.id)).toEqual(newest.map((t) => t.id));
		expect(items.every((i) => i.json.change === 'new' && i.json.previousStatus === null)).toBe(
			true,
		);
		// Simplified: flat amounts.
		expect(items[0].json).toMatchObject({ saleAmount: expect.any(Number), saleCurrency: 'GBP' });
		expect(run.output('Next')).toHaveLength(5);
		expect(staticData).toEqual(before);

		// The change the test saw is still emitted by the active workflow.
		const next = await poller.poll();
		expect(next.items.map((i) => [i.json.id, i.json.change, i.json.previousStatus])).toEqual([
			[pending.id, 'statusChanged', 'pending'],
		]);
		expect(next.items[0].json).toMatchObject({ commissionStatus: 'declined', saleCurrency: 'GBP' });
	});

	test('publisher, by validation date: a sale approved today appears as new, in the publisher path', async () => {
		const poller = startPolling(
			triggerWorkflow({ ...publisher, dateType: 'validation', lookBackDays: 10 }),
			{
				credentials: credentialsFor(sandbox),
			},
		);
		await poller.poll();
		const call = sandbox.requestsTo(/\/transactions/)[0];
		expect(call.path).toBe('/publishers/20001/transactions/');
		expect(call.query).toMatchObject({ dateType: 'validation' });
		const validated = tx.between(
			'publisher',
			20001,
			Date.now() - 10 * DAY_MS,
			Date.now(),
			'validation',
		);
		expect(Object.keys(memoryOf(poller.savedStaticData).seen).sort()).toEqual(
			validated.map((t) => String(t.id)).sort(),
		);

		// A sale from 25 days ago, still pending, is approved now.
		const old = tx
			.between('publisher', 20001, Date.now() - 26 * DAY_MS, Date.now() - 24 * DAY_MS)
			.find((t) => t.status === 'pending')!;
		tx.setStatus(old.id, 'approved');
		const emitted = await poller.poll();
		expect(emitted.items.map((i) => [i.json.id, i.json.change, i.json.commissionStatus])).toEqual([
			[old.id, 'new', 'approved'],
		]);
	});

	test('a failing poll (bad token) throws a clear error without the token and keeps the memory', async () => {
		const poller = startPolling(triggerWorkflow({ ...advertiser }), {
			credentials: credentialsFor(sandbox),
		});
		await poller.poll();
		const saved = poller.savedStaticData;

		const broken = startPolling(triggerWorkflow({ ...advertiser }, saved), {
			credentials: credentialsFor(sandbox, { apiToken: 'wrong-token-0123456789' }),
		});
		const error = await broken.poll().then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/401|authori|credential/i);
		expect(`${error?.message} ${error?.description}`).not.toContain('wrong-token-0123456789');
		expect(broken.savedStaticData).toEqual(saved);
	});
});

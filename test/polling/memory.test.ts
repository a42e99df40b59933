/** Unit tests of the trigger's memory (the built module): what counts as a change, and the bounds. */
import type { Memory, Observed } from '../../dist/nodes/shared/helpers/pollMemory.js';
import {
	amountsOf,
	diffTransactions,
	readMemory,
} from '../../dist/nodes/shared/helpers/pollMemory.js';

const seen = (id: number, status: string, at: number, sale = 10): Observed => {
	const row = {
		id,
		commissionStatus: status,
		saleAmount: { amount: sale, currency: 'EUR' },
		commissionAmount: { amount: sale / 10, currency: 'EUR' },
	};
	return { id: String(id), status, amounts: amountsOf(row), at, row };
};
const bounds = { windowStart: 0, maxRemembered: 100 };

describe('diffTransactions', () => {
	test('first poll: everything new, all remembered; same answer again: nothing, memory unchanged', () => {
		const first = diffTransactions(
			undefined,
			's',
			[seen(1, 'pending', 100), seen(2, 'approved', 50)],
			bounds,
		);
		expect(first.firstPoll).toBe(true);
		expect(first.changes.map((c) => [c.transaction.id, c.change])).toEqual([
			['2', 'new'],
			['1', 'new'],
		]);
		const again = diffTransactions(
			first.memory,
			's',
			[seen(1, 'pending', 100), seen(2, 'approved', 50)],
			bounds,
		);
		expect(again).toMatchObject({ changes: [], firstPoll: false, memoryChanged: false });
	});

	test('status beats amounts; amounts or the amended flag alone mean amended', () => {
		const { memory } = diffTransactions(
			undefined,
			's',
			[seen(1, 'pending', 1), seen(2, 'pending', 2), seen(3, 'approved', 3)],
			bounds,
		);
		const amendedFlag = seen(3, 'approved', 3);
		amendedFlag.amounts = amountsOf({ ...amendedFlag.row, amended: true });
		const next = diffTransactions(
			memory,
			's',
			[seen(1, 'approved', 1, 99), seen(2, 'pending', 2, 99), amendedFlag],
			bounds,
		);
		expect(next.changes.map((c) => [c.transaction.id, c.change, c.previousStatus])).toEqual([
			['1', 'statusChanged', 'pending'],
			['2', 'amended', 'pending'],
			['3', 'amended', 'approved'],
		]);
	});

	test('another scope (account or date type) starts afresh; foreign static data is ignored', () => {
		const { memory } = diffTransactions(
			undefined,
			'/advertisers/1|transaction',
			[seen(1, 'pending', 1)],
			bounds,
		);
		expect(readMemory(memory, '/advertisers/1|transaction')).toBe(memory);
		expect(readMemory(memory, '/advertisers/1|validation')).toBeUndefined();
		expect(readMemory({ seen: 'nonsense', scope: 's' }, 's')).toBeUndefined();
		expect(readMemory('x', 's')).toBeUndefined();
	});

	test('entries older than the window are dropped; over the cap the newest stay and the rest is not new again', () => {
		const many = Array.from({ length: 10 }, (_, i) => seen(i + 1, 'pending', (i + 1) * 100));
		const capped = diffTransactions(undefined, 's', many, { windowStart: 0, maxRemembered: 4 });
		expect(Object.keys(capped.memory.seen).sort()).toEqual(['10', '7', '8', '9']);
		expect(capped.memory.forgottenUpTo).toBe(600);

		const later = diffTransactions(
			capped.memory as Memory,
			's',
			[...many, seen(11, 'pending', 550), seen(12, 'pending', 1100)],
			{
				windowStart: 250,
				maxRemembered: 4,
			},
		);
		// 11 is dated within the forgotten range: counted as seen before. 12 is new.
		expect(later.changes.map((c) => c.transaction.id)).toEqual(['12']);
		expect(Object.keys(later.memory.seen).sort()).toEqual(['10', '12', '8', '9']);
		expect(later.memory.forgottenUpTo).toBe(700);

		const aged = diffTransactions(later.memory as Memory, 's', [seen(12, 'pending', 1100)], {
			windowStart: 950,
			maxRemembered: 4,
		});
		expect(Object.keys(aged.memory.seen).sort()).toEqual(['10', '12']);
		expect(aged.memory.forgottenUpTo).toBeUndefined();
	});
});

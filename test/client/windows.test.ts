/** Date windows (pure): contiguous, at most D days, Awin's formats, in the chosen timezone. */
import path from 'node:path';

import { DateTime } from 'luxon';

import type * as DatesModule from '../../nodes/shared/dates';
import { PACKAGE_ROOT } from '../harness/index.ts';
import { limits } from './support.ts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AWIN_DATE, AWIN_DATETIME, dateWindows, parseLocal } = require(
	path.join(PACKAGE_ROOT, 'dist/nodes/shared/dates.js'),
) as typeof DatesModule;

const DAY_MS = 86_400_000;

/** Checks the promises every window list makes, in `zone`, for a date-time range. */
function expectWellFormed(
	windows: Array<{ start: string; end: string }>,
	first: string,
	last: string,
	maxDays: number,
	zone: string,
) {
	const parse = (text: string) => DateTime.fromFormat(text, AWIN_DATETIME, { zone });
	expect(windows[0].start).toBe(first);
	expect(windows[windows.length - 1].end).toBe(last);
	windows.forEach((window, i) => {
		expect(window.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		const start = parse(window.start);
		const end = parse(window.end);
		expect(end >= start).toBe(true);
		// At most maxDays, counted in calendar days and in elapsed time.
		expect(end.diff(start, 'days').days).toBeLessThan(maxDays);
		expect(end.toMillis() - start.toMillis()).toBeLessThan(maxDays * DAY_MS);
		// The next window begins one second after this one ends: no gap, no overlap.
		if (i + 1 < windows.length)
			expect(parse(windows[i + 1].start).toMillis() - end.toMillis()).toBe(1_000);
	});
}

describe('dateWindows', () => {
	test('95 days of transactions become 4 contiguous windows of at most 31 days', () => {
		const windows = dateWindows(
			parseLocal('2024-01-01T00:00:00', 'UTC'),
			parseLocal('2024-04-04T23:59:59', 'UTC'),
			limits.MAX_WINDOW_DAYS.transactions,
			'UTC',
			AWIN_DATETIME,
		);
		expect(windows).toEqual([
			{ start: '2024-01-01T00:00:00', end: '2024-01-31T23:59:59' },
			{ start: '2024-02-01T00:00:00', end: '2024-03-02T23:59:59' },
			{ start: '2024-03-03T00:00:00', end: '2024-04-02T23:59:59' },
			{ start: '2024-04-03T00:00:00', end: '2024-04-04T23:59:59' },
		]);
		expectWellFormed(windows, '2024-01-01T00:00:00', '2024-04-04T23:59:59', 31, 'UTC');
	});

	test('windows are in the chosen timezone: local times, no offset', () => {
		const zone = 'US/Pacific';
		const windows = dateWindows(
			parseLocal('2024-01-15T08:30:00', zone),
			parseLocal('2024-02-20T17:00:00', zone),
			31,
			zone,
			AWIN_DATETIME,
		);
		expect(windows).toEqual([
			{ start: '2024-01-15T08:30:00', end: '2024-02-15T08:29:59' },
			{ start: '2024-02-15T08:30:00', end: '2024-02-20T17:00:00' },
		]);
	});

	test('across the autumn clock change a window stays under 31 days of elapsed time', () => {
		const zone = 'Europe/London';
		const windows = dateWindows(
			parseLocal('2024-10-01T00:00:00', zone),
			parseLocal('2024-11-30T23:59:59', zone),
			31,
			zone,
			AWIN_DATETIME,
		);
		// 31 calendar days from 1 October would be 31 days and 1 hour: the window ends an hour early.
		expect(windows[0]).toEqual({ start: '2024-10-01T00:00:00', end: '2024-10-31T22:59:59' });
		expectWellFormed(windows, '2024-10-01T00:00:00', '2024-11-30T23:59:59', 31, zone);
	});

	test('any range in any Awin timezone: contiguous, complete, never longer than the maximum', () => {
		let seed = 42;
		const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		for (let i = 0; i < 200; i++) {
			const zone = limits.AWIN_TIMEZONES[i % limits.AWIN_TIMEZONES.length];
			const maxDays = 1 + Math.floor(random() * 40);
			const start = DateTime.fromMillis(Date.UTC(2023, 0, 1) + random() * 700 * DAY_MS, {
				zone,
			}).startOf('second');
			const end = start
				.plus({ milliseconds: Math.floor(random() * 200 * DAY_MS) })
				.startOf('second');
			const windows = dateWindows(start, end, maxDays, zone, AWIN_DATETIME);
			expectWellFormed(
				windows,
				start.toFormat(AWIN_DATETIME),
				end.toFormat(AWIN_DATETIME),
				maxDays,
				zone,
			);
		}
	});

	test('reports: 400-day windows of dates, each day in exactly one window', () => {
		const windows = dateWindows(
			parseLocal('2023-01-01', 'Europe/Berlin'),
			parseLocal('2025-01-01', 'Europe/Berlin'),
			limits.MAX_WINDOW_DAYS.campaignReport,
			'Europe/Berlin',
			AWIN_DATE,
		);
		expect(windows).toEqual([
			{ start: '2023-01-01', end: '2024-02-04' },
			{ start: '2024-02-05', end: '2025-01-01' },
		]);
		const days = (w: { start: string; end: string }) =>
			DateTime.fromISO(w.end).diff(DateTime.fromISO(w.start), 'days').days + 1;
		expect(days(windows[0])).toBe(400);
	});

	test('a single moment or a single day is one window', () => {
		const at = parseLocal('2024-05-05T12:00:00', 'UTC');
		expect(dateWindows(at, at, 31, 'UTC', AWIN_DATETIME)).toEqual([
			{ start: '2024-05-05T12:00:00', end: '2024-05-05T12:00:00' },
		]);
		expect(dateWindows(at, at, 400, 'UTC', AWIN_DATE)).toEqual([
			{ start: '2024-05-05', end: '2024-05-05' },
		]);
	});

	test('an end before the start, an invalid date or a bad maximum is refused', () => {
		const a = parseLocal('2024-05-05T00:00:00', 'UTC');
		const b = parseLocal('2024-05-04T00:00:00', 'UTC');
		expect(() => dateWindows(a, b, 31, 'UTC', AWIN_DATETIME)).toThrow(
			'The end date is before the start date',
		);
		expect(() => dateWindows(parseLocal('not a date', 'UTC'), a, 31, 'UTC', AWIN_DATETIME)).toThrow(
			'Invalid start or end date',
		);
		expect(() => dateWindows(b, a, 0, 'UTC', AWIN_DATETIME)).toThrow(RangeError);
	});
});

describe('parseLocal', () => {
	test('a date-time without offset is a wall-clock time in the timezone', () => {
		const parsed = parseLocal('2024-03-01T10:00:00', 'Europe/Berlin');
		expect(parsed.toFormat(AWIN_DATETIME)).toBe('2024-03-01T10:00:00');
		expect(parsed.toUTC().toISO()).toBe('2024-03-01T09:00:00.000Z');
	});

	test('a date-time with an offset is converted to the timezone', () => {
		expect(parseLocal('2024-03-01T10:00:00Z', 'Europe/Berlin').toFormat(AWIN_DATETIME)).toBe(
			'2024-03-01T11:00:00',
		);
		expect(parseLocal('2024-03-01T10:00:00-05:00', 'UTC').toFormat(AWIN_DATETIME)).toBe(
			'2024-03-01T15:00:00',
		);
	});

	test('a date is midnight in the timezone; a luxon DateTime is converted', () => {
		expect(parseLocal('2024-03-01', 'US/Eastern').toFormat(AWIN_DATETIME)).toBe(
			'2024-03-01T00:00:00',
		);
		const instant = DateTime.fromISO('2024-03-01T12:00:00Z');
		expect(parseLocal(instant, 'US/Eastern').toFormat(AWIN_DATETIME)).toBe('2024-03-01T07:00:00');
	});
});

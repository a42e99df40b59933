import { DateTime } from 'luxon';

/** Awin's formats: transaction endpoints take local date-times, reports take dates. */
export const AWIN_DATETIME = "yyyy-MM-dd'T'HH:mm:ss";
export const AWIN_DATE = 'yyyy-MM-dd';

export interface DateWindow {
	start: string;
	end: string;
}

/**
 * Splits [start, end] into contiguous windows of at most `maxDays` days, in `timezone`. Ends are
 * inclusive at the format's precision (a second for date-times, a day for dates), so one window
 * ends one unit before the next begins: no gap, no overlap.
 *
 * `start` and `end` are read as wall-clock times in `timezone` (their own zone is ignored), as
 * parseLocal() gives them. A date-time window is also kept under `maxDays` x 24 hours of real
 * time: across a daylight-saving change in autumn, 31 calendar days last 31 days and one hour,
 * and Awin does not say whether it counts calendar days or elapsed time.
 */
export function dateWindows(
	start: DateTime,
	end: DateTime,
	maxDays: number,
	timezone: string,
	format: typeof AWIN_DATETIME | typeof AWIN_DATE,
): DateWindow[] {
	if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`maxDays must be a positive integer, got ${maxDays}`);
	const byDay = format === AWIN_DATE;
	const unit = byDay ? { days: 1 } : { seconds: 1 };
	let from: DateTime = start.setZone(timezone, { keepLocalTime: true }).startOf(byDay ? 'day' : 'second');
	const last = end.setZone(timezone, { keepLocalTime: true }).startOf(byDay ? 'day' : 'second');
	if (!from.isValid || !last.isValid) throw new RangeError('Invalid start or end date');
	if (last < from) throw new RangeError('The end date is before the start date');

	const windows: DateWindow[] = [];
	while (from <= last) {
		let next: DateTime = from.plus({ days: maxDays });
		if (!byDay) {
			const elapsed: DateTime = from.plus({ hours: maxDays * 24 });
			if (elapsed < next) next = elapsed;
		}
		const candidate: DateTime = next.minus(unit);
		const windowEnd: DateTime = candidate < last ? candidate : last;
		windows.push({ start: from.toFormat(format), end: windowEnd.toFormat(format) });
		from = windowEnd.plus(unit);
	}
	return windows;
}

/** Parses what an n8n date field gives (ISO, with or without offset) as local time in `timezone`. */
export function parseLocal(value: string | DateTime, timezone: string): DateTime {
	if (DateTime.isDateTime(value)) return value.setZone(timezone);
	const text = String(value).trim();
	const hasOffset = /([+-]\d{2}:?\d{2}|Z)$/.test(text);
	return hasOffset
		? DateTime.fromISO(text, { setZone: true }).setZone(timezone)
		: DateTime.fromISO(text, { zone: timezone });
}

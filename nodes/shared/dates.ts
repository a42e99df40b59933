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
	if (!Number.isInteger(maxDays) || maxDays < 1)
		throw new RangeError(`maxDays must be a positive integer, got ${maxDays}`);
	const byDay = format === AWIN_DATE;
	const unit = byDay ? { days: 1 } : { seconds: 1 };
	let from: DateTime = start
		.setZone(timezone, { keepLocalTime: true })
		.startOf(byDay ? 'day' : 'second');
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

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `length` digits at `start`, or -1 when they are not all digits. */
export function digitsAt(text: string, start: number, length: number): number {
	let value = 0;
	for (let i = start; i < start + length; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/**
 * A date-time with an offset (2024-05-01T10:00:00.000Z, Shopify's 2024-05-01T10:00:00+02:00), read
 * character by character: the common case of a large run, and several times cheaper than a
 * pattern and Date.parse. NaN when the text is not in that form or a part is out of range (the
 * general reading decides); undefined when it names a day the month does not have (2024-02-31),
 * which Date.parse would move into the next month.
 */
function offsetDateTime(text: string): number | undefined {
	const end = text.length;
	if (end < 17 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
	if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return NaN;
	const year = digitsAt(text, 0, 4);
	const month = digitsAt(text, 5, 2);
	const day = digitsAt(text, 8, 2);
	const hour = digitsAt(text, 11, 2);
	const minute = digitsAt(text, 14, 2);
	let second = 0;
	let ms = 0;
	let i = 16;
	if (text.charCodeAt(i) === 58) {
		second = digitsAt(text, 17, 2);
		i = 19;
		if (text.charCodeAt(i) === 46) {
			// Milliseconds are the first three decimals, as Date.parse reads them.
			let decimals = 0;
			for (i++; i < end; i++) {
				const digit = text.charCodeAt(i) - 48;
				if (digit < 0 || digit > 9) break;
				if (decimals < 3) ms = ms * 10 + digit;
				decimals++;
			}
			if (decimals === 0) return NaN;
			if (decimals < 3) ms *= decimals === 1 ? 100 : 10;
		}
	}
	let offset = 0;
	const sign = text.charCodeAt(i);
	if (sign === 90) {
		if (i + 1 !== end) return NaN;
	} else if (sign === 43 || sign === 45) {
		const offsetHours = digitsAt(text, i + 1, 2);
		const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
		const offsetMinutes = digitsAt(text, i + 3 + colon, 2);
		if (i + 5 + colon !== end || offsetHours < 0 || offsetHours > 23) return NaN;
		if (offsetMinutes < 0 || offsetMinutes > 59) return NaN;
		offset = (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
	} else return NaN;
	// Years before 100 are left to Date.parse: Date.UTC reads them as 1900 and later.
	if (year < 100 || month < 1 || month > 12 || day < 0 || hour < 0 || hour > 23) return NaN;
	if (minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
	const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	if (day < 1 || day > DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) return undefined;
	return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

/**
 * Reads many dates as instants (epoch ms), as parseLocal() does: a date with an offset (Shopify's
 * created_at) is that instant; one without is a wall-clock time in `timezone`. Luxon only learns
 * each hour's UTC offset once: 100,000 orders are many per hour, and parsing each with luxon
 * costs microseconds; the zones Awin accepts change offset on the hour.
 */
export class DateReader {
	private readonly offsets = new Map<number, number>();

	constructor(readonly timezone: string) {}

	/** The instant, or undefined when the value is not a date. */
	read(value: unknown): number | undefined {
		if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
		if (DateTime.isDateTime(value)) return value.isValid ? value.toMillis() : undefined;
		if (typeof value === 'number') return undefined;
		const text = String(value ?? '').trim();
		const instant = offsetDateTime(text);
		if (instant === undefined || !Number.isNaN(instant)) return instant;
		if (WITH_OFFSET.test(text)) {
			const ms = Date.parse(text);
			return Number.isNaN(ms) ? this.slow(text) : ms;
		}
		const local = LOCAL.exec(text);
		if (!local) return this.slow(text);
		const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
		const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
		// Date.UTC rolls 2024-02-31 over into March: such a date is refused, not moved.
		const check = new Date(wall);
		if (check.getUTCDate() !== +d || check.getUTCMonth() !== +mo - 1 || +h > 23) return undefined;
		return wall - this.offsetAt(wall);
	}

	/** The zone's offset (ms) at a wall-clock time, from the offset of the hour before it. */
	private offsetAt(wall: number): number {
		const hour = Math.floor(wall / 3_600_000);
		let offset = this.offsets.get(hour);
		if (offset === undefined) {
			const local = DateTime.fromMillis(hour * 3_600_000, { zone: 'UTC' }).setZone(this.timezone, {
				keepLocalTime: true,
			});
			offset = local.offset * 60_000;
			this.offsets.set(hour, offset);
		}
		return offset;
	}

	private slow(text: string): number | undefined {
		const parsed = parseLocal(text, this.timezone);
		return text && parsed.isValid ? parsed.toMillis() : undefined;
	}

	/** An instant as Awin writes dates in this timezone (yyyy-MM-ddTHH:mm:ss, no offset). */
	show(ms: number): string {
		return DateTime.fromMillis(ms, { zone: this.timezone }).toFormat(AWIN_DATETIME);
	}
}

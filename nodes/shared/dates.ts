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

import { DateTime } from 'luxon';

import { AWIN_DATETIME, dateWindows, parseLocal } from '../../../../shared/dates';
import type { DateWindow } from '../../../../shared/dates';
import { MAX_WINDOW_DAYS } from '../../../../shared/limits';

const DAY_MS = 86_400_000;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Reads order dates as instants (epoch ms). A date with an offset (Shopify's created_at) is that
 * instant; one without is a wall-clock time in `timezone`, like the other Transaction dates.
 * Luxon only learns each hour's UTC offset once: a large shop's orders are many per hour, and the
 * zones Awin accepts change offset on the hour.
 */
export class OrderDates {
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

export interface ReadPlan {
	windows: DateWindow[];
	/** The orders' own first and last date in Awin's format: outside them lies the margin. */
	firstOrder: string;
	lastOrder: string;
}

/**
 * The fewest 31-day windows covering the orders' dates widened by `marginDays` on both sides
 * (Awin may date a sale a little before or after the shop does: time zones, late tracking).
 */
export function readPlan(first: number, last: number, marginDays: number, dates: OrderDates): ReadPlan {
	const zone = dates.timezone;
	const start = DateTime.fromMillis(first - marginDays * DAY_MS, { zone });
	const end = DateTime.fromMillis(last + marginDays * DAY_MS, { zone });
	return {
		windows: dateWindows(start, end, MAX_WINDOW_DAYS.transactions, zone, AWIN_DATETIME),
		firstOrder: dates.show(first),
		lastOrder: dates.show(last),
	};
}

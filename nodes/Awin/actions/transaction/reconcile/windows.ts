import { DateTime } from 'luxon';

import { AWIN_DATETIME, dateWindows } from '../../../../shared/dates';
import type { DateReader, DateWindow } from '../../../../shared/dates';
import { MAX_WINDOW_DAYS } from '../../../../shared/limits';

const DAY_MS = 86_400_000;

interface ReadPlan {
	windows: DateWindow[];
	/** The orders' own first and last date in Awin's format: outside them lies the margin. */
	firstOrder: string;
	lastOrder: string;
}

/**
 * The fewest 31-day windows covering the orders' dates widened by `marginDays` on both sides
 * (Awin may date a sale a little before or after the shop does: time zones, late tracking).
 */
export function readPlan(
	first: number,
	last: number,
	marginDays: number,
	dates: DateReader,
): ReadPlan {
	const zone = dates.timezone;
	const start = DateTime.fromMillis(first - marginDays * DAY_MS, { zone });
	const end = DateTime.fromMillis(last + marginDays * DAY_MS, { zone });
	return {
		windows: dateWindows(start, end, MAX_WINDOW_DAYS.transactions, zone, AWIN_DATETIME),
		firstOrder: dates.show(first),
		lastOrder: dates.show(last),
	};
}

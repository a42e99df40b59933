import type { DateTime as LuxonDateTime } from 'luxon';
import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseLocal } from '../dates';
import type { ParameterContext } from './parameter';
import { nodeParameter } from './parameter';
import { refuse, textOf } from './refuse';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function asText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (DateTime.isDateTime(value)) return (value as LuxonDateTime).toISO() ?? '';
	return textOf(value).trim();
}

/**
 * A date-time range in `timezone`. Values without an offset are local times there; a plain date
 * (yyyy-MM-dd) as End Date means the whole day, so "2024-12-31" includes that day's sales.
 * Checked before anything is sent: both valid, end not before start.
 */
export function readDateTimeRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
	timezone: string,
): { start: LuxonDateTime; end: LuxonDateTime } {
	const read = (name: 'startDate' | 'endDate', label: string) => {
		const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
		const text = asText(raw);
		let value = DateTime.isDateTime(raw)
			? parseLocal(raw as LuxonDateTime, timezone)
			: parseLocal(text, timezone);
		if (name === 'endDate' && DATE_ONLY.test(text)) value = value.endOf('day');
		if (!text || !value.isValid) {
			throw refuse(
				ctx.getNode(),
				itemIndex,
				label,
				text,
				'must be a date such as 2024-01-31 or 2024-01-31T23:59:59 (or {{ $today.minus({ days: 1 }) }})',
			);
		}
		return value;
	};
	const start = read('startDate', 'Start Date');
	const end = read('endDate', 'End Date');
	if (end < start) {
		throw refuse(
			ctx.getNode(),
			itemIndex,
			'End Date',
			end.toISO(),
			`must not be before the Start Date ${start.toISO()} (${timezone})`,
		);
	}
	return { start, end };
}

/** A day (yyyy-MM-dd) first, then nothing or a time. */
const DAY_FIRST = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/;

/**
 * A calendar day (yyyy-MM-dd) as written, whatever timezone an expression's value carries:
 * "yesterday" from {{ $today.minus({ days: 1 }) }} stays yesterday. A time after the day (n8n's
 * date picker adds one) is ignored. The one reader of a single day: every day parameter refuses
 * with the same words.
 */
export function readDay(
	ctx: ParameterContext,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	const raw = nodeParameter(ctx, name, itemIndex, '');
	const text = DateTime.isDateTime(raw) ? ((raw as LuxonDateTime).toISODate() ?? '') : asText(raw);
	const day = DAY_FIRST.exec(text)?.[1];
	if (!day || !DateTime.fromISO(day).isValid) {
		throw refuse(
			ctx.getNode(),
			itemIndex,
			displayName,
			text,
			'must be a date such as 2024-01-31 (or {{ $today.minus({ days: 1 }) }})',
		);
	}
	return day;
}

/** A range of calendar days (Start Date, End Date), each read by readDay; end not before start. */
export function readDateRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { startDate: string; endDate: string } {
	const startDate = readDay(ctx, 'startDate', 'Start Date', itemIndex);
	const endDate = readDay(ctx, 'endDate', 'End Date', itemIndex);
	if (endDate < startDate) {
		throw refuse(
			ctx.getNode(),
			itemIndex,
			'End Date',
			endDate,
			`must not be before the Start Date ${startDate}`,
		);
	}
	return { startDate, endDate };
}

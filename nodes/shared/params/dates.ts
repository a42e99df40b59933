import type { DateTime as LuxonDateTime } from 'luxon';
import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseLocal } from '../dates';
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

/**
 * A date range as the calendar dates written (yyyy-MM-dd), whatever timezone an expression's
 * value carries: "yesterday" from {{ $today.minus({ days: 1 }) }} stays yesterday.
 */
export function readDateRange(
	ctx: IExecuteFunctions,
	itemIndex: number,
): { startDate: string; endDate: string } {
	const read = (name: 'startDate' | 'endDate', label: string) => {
		const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
		const text = DateTime.isDateTime(raw)
			? ((raw as LuxonDateTime).toISODate() ?? '')
			: asText(raw);
		const day = text.slice(0, 10);
		if (!DATE_ONLY.test(day) || !DateTime.fromISO(day).isValid) {
			throw refuse(
				ctx.getNode(),
				itemIndex,
				label,
				text,
				'must be a date such as 2024-01-31 (or {{ $today.minus({ days: 1 }) }})',
			);
		}
		return day;
	};
	const startDate = read('startDate', 'Start Date');
	const endDate = read('endDate', 'End Date');
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

/**
 * The rule of each kind of order value, written once: how a value n8n gives is read in Awin's form,
 * and what is wrong with it, in the words the refusal uses. Lenient where n8n expressions naturally
 * produce something else (a decimal number as the string "111.50", an order number as 1001, an ISO
 * date for a unix time, "new" for NEW); strict where a guess could register a wrong order
 * ("1,234.50", unknown field names, a lower-case group code).
 */
import { DateTime } from 'luxon';

import { ISO_4217_CURRENCIES } from './currencies';
import type { ValueField, ValueKind } from './fields';
import { ORDER_LIMITS } from './fields';

/**
 * Says one thing wrong with a value. `wrongType` when the value is not even of the field's type
 * (or missing): then nothing else of its object is checked, as zod does.
 */
export type Report = (message: string, wrongType?: boolean) => void;

export interface KindRule {
	/** The value in Awin's form when n8n gave it otherwise; any other value as it is. */
	convert(value: unknown): unknown;
	/** Reports everything wrong with a converted value; a value reported nothing for is sent. */
	check(value: unknown, report: Report, field: ValueField): void;
}

const NUMBER_HINT =
	'must be a number with a period for decimals and no thousand separators, e.g. 1234.50 (not "1,234.50")';
const DECIMAL = /^-?\d+(\.\d+)?$/;
const GROUP_CODE = /^[A-Z0-9_.-]+$/;
const REQUIRED = 'Required';

/** n8n expressions yield '' (or null) for "not set". */
export const blank = (value: unknown) => (value === '' || value === null ? undefined : value);

const isNumber = (value: unknown): value is number =>
	typeof value === 'number' && !Number.isNaN(value);
const same = (value: unknown) => value;
const trimmedUpper = (value: unknown) =>
	typeof value === 'string' ? value.trim().toUpperCase() : value;

export const KINDS: Record<ValueKind, KindRule> = {
	text: {
		// An order number from a shop may be a number.
		convert: (v) => (typeof v === 'number' ? String(v) : blank(v)),
		check(v, report, field) {
			if (v === undefined) return report(REQUIRED, true);
			if (typeof v !== 'string') return report('must be text', true);
			if (field.maxLength !== undefined && v.length > field.maxLength)
				report(field.tooLong ?? 'is too long');
		},
	},
	money: {
		convert(v) {
			const value = blank(v);
			return typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value.trim()) : value;
		},
		check(v, report) {
			if (v === undefined) return report(REQUIRED, true);
			if (!isNumber(v)) return report(NUMBER_HINT, true);
			if (!Number.isFinite(v)) report(NUMBER_HINT);
			if (v < 0) report('must not be negative');
		},
	},
	unixSeconds: {
		// A digit string, an ISO 8601 date or a luxon DateTime becomes unix seconds.
		convert(v) {
			const value = blank(v);
			if (DateTime.isDateTime(value)) return Math.floor(value.toSeconds());
			if (value instanceof Date) return Math.floor(value.getTime() / 1000);
			if (typeof value !== 'string') return value;
			const trimmed = value.trim();
			if (/^\d+$/.test(trimmed)) return Number(trimmed);
			const date = DateTime.fromISO(trimmed, { setZone: true });
			return date.isValid ? Math.floor(date.toSeconds()) : value;
		},
		check(v, report) {
			if (v === undefined) return report(REQUIRED, true);
			if (!isNumber(v))
				return report('must be a unix time in seconds (10 digits) or an ISO 8601 date', true);
			if (!Number.isInteger(v)) report('must be whole seconds');
			if (v >= 1e12)
				report('looks like milliseconds: Awin wants unix seconds (10 digits), divide by 1000');
			else if (v < 1e9 || v > 9_999_999_999) report('must be a unix time in seconds of 10 digits');
		},
	},
	currency: {
		convert: (v) => (typeof v === 'string' ? v.trim().toUpperCase() : blank(v)),
		check(v, report) {
			if (v === undefined) return report(REQUIRED, true);
			if (typeof v !== 'string') return report('must be an ISO 4217 code such as GBP', true);
			if (!ISO_4217_CURRENCIES.has(v))
				report('must be an ISO 4217 currency code such as GBP, EUR or USD');
		},
	},
	groupCode: {
		convert: same,
		check(v, report) {
			if (v === undefined) return report(REQUIRED, true);
			if (typeof v !== 'string') return report('must be text', true);
			if (!GROUP_CODE.test(v))
				report('may contain only upper-case letters, digits, _ . and - (e.g. DEFAULT)');
		},
	},
	customerAcquisition: {
		convert: trimmedUpper,
		check(v, report) {
			if (v !== 'NEW' && v !== 'RETURNING') report('must be NEW or RETURNING', true);
		},
	},
	positiveInteger: {
		convert: (v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v),
		check(v, report) {
			if (v === undefined) return report(REQUIRED, true);
			if (!isNumber(v)) return report('must be a whole number', true);
			if (!Number.isInteger(v)) report('must be a whole number');
			if (v <= 0) report('must be at least 1');
		},
	},
	boolean: {
		convert: same,
		check(v, report) {
			if (v === undefined) return report(REQUIRED, true);
			if (typeof v !== 'boolean') report('must be true or false', true);
		},
	},
};

/** A custom parameter's value: text, a number or true/false, sent as text. */
export const CUSTOM_VALUE: KindRule = {
	convert: (v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v),
	check(v, report) {
		if (typeof v !== 'string') report('must be text', true);
	},
};

/** What is wrong with a custom parameter's key, if anything. */
export function customKeyProblem(key: string): string | undefined {
	const n = Number(key);
	if (/^\d+$/.test(key) && n >= ORDER_LIMITS.customKeyMin && n <= ORDER_LIMITS.customKeyMax)
		return undefined;
	return `custom parameter keys are numbers from ${ORDER_LIMITS.customKeyMin} to ${ORDER_LIMITS.customKeyMax}`;
}

/** Says which entries repeat the value of `field` of an earlier entry. */
export function reportRepeats(
	entries: ReadonlyArray<Record<string, unknown>>,
	field: string,
	report: (index: number, message: string) => void,
): void {
	const seen = new Set<unknown>();
	entries.forEach((entry, index) => {
		const value = entry[field];
		if (seen.has(value))
			report(index, `"${String(value)}" appears twice: basket ids must be unique`);
		seen.add(value);
	});
}

/** Awin's attribution of a Conversion API order: awc, or voucher, or publisherId with clickTime. */
export function reportAttribution(
	order: Record<string, unknown>,
	report: (field: string, message: string) => void,
): void {
	const { publisherId, clickTime, awc, voucher } = order;
	if (publisherId !== undefined && clickTime === undefined)
		report('clickTime', 'Required when publisherId is set');
	if (clickTime !== undefined && publisherId === undefined)
		report('publisherId', 'Required when clickTime is set');
	if (!awc && !voucher && (publisherId === undefined || clickTime === undefined)) {
		report(
			'awc',
			'Awin needs an attribution: awc, or voucher, or publisherId together with clickTime',
		);
	}
}

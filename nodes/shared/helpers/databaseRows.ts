import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

/**
 * Rows for a database table: snake_case columns matching examples/warehouse/schema.sql one to one,
 * the same columns on every row, amounts as numbers, dates as ISO 8601 with the offset of the
 * timezone Awin was asked in (Awin itself shows local times without offset). A SQL node that
 * auto-maps input fields to columns (n8n's Postgres, MySQL...) writes them as they are.
 */
const TRANSACTION_COLUMNS = [
	'transaction_id',
	'advertiser_id',
	'publisher_id',
	'site_name',
	'commission_status',
	'type',
	'transaction_date',
	'click_date',
	'validation_date',
	'sale_amount',
	'sale_currency',
	'commission_amount',
	'commission_currency',
	'amended',
	'amend_reason',
	'old_sale_amount',
	'old_commission_amount',
	'commission_groups',
	'transaction_parts',
	'click_ref',
	'click_ref2',
	'click_ref3',
	'click_ref4',
	'click_ref5',
	'click_ref6',
	'decline_reason',
	'paid_to_publisher',
	'payment_id',
	'customer_country',
	'click_device',
	'transaction_device',
	'order_ref',
	'voucher_code',
] as const;

const FIGURES = [
	'impressions',
	'clicks',
	...['pending', 'confirmed', 'bonus', 'total', 'declined'].flatMap((s) => [
		`${s}No`,
		`${s}Value`,
		`${s}Comm`,
	]),
];
const PAIR = [
	'advertiserId',
	'advertiserName',
	'publisherId',
	'publisherName',
	'region',
	'currency',
];
/** Awin's report fields per table, in column order (after `date`). */
export const STATS_FIELDS = {
	publisher: [...PAIR, ...FIGURES],
	creative: [...PAIR, 'creativeId', 'creativeName', 'tagName', ...FIGURES],
} as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const NUMERIC = new Set(['advertiserId', 'publisherId', 'creativeId', ...FIGURES]);

const numberOrNull = (value: unknown) =>
	value === null || value === undefined || value === '' ? null : Number(value);
const textOrNull = (value: unknown) =>
	value === null || value === undefined || value === '' ? null : String(value);
const money = (value: unknown) => (value ?? {}) as { amount?: unknown; currency?: unknown };

/** Awin's local date-time (in `timezone`) as ISO 8601 with offset; null when absent. */
function isoWithOffset(value: unknown, timezone: string): string | null {
	if (value === null || value === undefined || value === '') return null;
	const text = String(value);
	const hasOffset = /([+-]\d{2}:?\d{2}|Z)$/.test(text);
	const parsed = hasOffset
		? DateTime.fromISO(text, { setZone: true })
		: DateTime.fromISO(text, { zone: timezone });
	return parsed.isValid ? parsed.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ") : text;
}

/** One Awin transaction as a row of the `awin_transactions` table. */
export function transactionRow(t: IDataObject, timezone: string): IDataObject {
	const clickRefs = (t.clickRefs ?? {}) as IDataObject;
	const parts = Array.isArray(t.transactionParts) ? (t.transactionParts as IDataObject[]) : [];
	const row: IDataObject = {
		transaction_id: numberOrNull(t.id),
		advertiser_id: numberOrNull(t.advertiserId),
		publisher_id: numberOrNull(t.publisherId),
		site_name: textOrNull(t.siteName),
		commission_status: textOrNull(t.commissionStatus),
		type: textOrNull(t.type),
		transaction_date: isoWithOffset(t.transactionDate, timezone),
		click_date: isoWithOffset(t.clickDate, timezone),
		validation_date: isoWithOffset(t.validationDate, timezone),
		sale_amount: numberOrNull(money(t.saleAmount).amount),
		sale_currency: textOrNull(money(t.saleAmount).currency),
		commission_amount: numberOrNull(money(t.commissionAmount).amount),
		commission_currency: textOrNull(money(t.commissionAmount).currency),
		amended: t.amended === true,
		amend_reason: textOrNull(t.amendReason),
		old_sale_amount: numberOrNull(money(t.oldSaleAmount).amount),
		old_commission_amount: numberOrNull(money(t.oldCommissionAmount).amount),
		commission_groups: parts.length > 0 ? parts.map((p) => p.commissionGroupCode).join(', ') : null,
		// The commission group parts (id, code, name, amount, commission) as JSON text, for a json column.
		transaction_parts: JSON.stringify(
			parts.map((p) => ({
				commissionGroupId: numberOrNull(p.commissionGroupId),
				commissionGroupCode: textOrNull(p.commissionGroupCode),
				commissionGroupName: textOrNull(p.commissionGroupName),
				amount: numberOrNull(p.amount),
				commissionAmount: numberOrNull(p.commissionAmount),
			})),
		),
		click_ref: textOrNull(clickRefs.clickRef),
		decline_reason: textOrNull(t.declineReason),
		paid_to_publisher: t.paidToPublisher === true,
		payment_id: numberOrNull(t.paymentId),
		customer_country: textOrNull(t.customerCountry),
		click_device: textOrNull(t.clickDevice),
		transaction_device: textOrNull(t.transactionDevice),
		order_ref: textOrNull(t.orderRef),
		voucher_code: textOrNull(t.voucherCode),
	};
	for (let n = 2; n <= 6; n++) row[`click_ref${n}`] = textOrNull(clickRefs[`clickRef${n}`]);
	const ordered: IDataObject = {};
	for (const column of TRANSACTION_COLUMNS) ordered[column] = row[column];
	return ordered;
}

/** One report row of one day as a row of `awin_stats_by_publisher` or `awin_stats_by_creative`. */
export function statsRow(
	table: keyof typeof STATS_FIELDS,
	row: IDataObject,
	date: string,
): IDataObject {
	const out: IDataObject = { date };
	for (const field of STATS_FIELDS[table]) {
		out[snake(field)] = NUMERIC.has(field) ? numberOrNull(row[field]) : textOrNull(row[field]);
	}
	return out;
}

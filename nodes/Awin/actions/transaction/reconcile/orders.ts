import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { NodeOperationError } from 'n8n-workflow';

import { fieldReader, refuse } from '../../../../shared/params';
import type { FieldReader } from '../../../../shared/params';
import { ISO_4217_CURRENCIES } from '../../../../shared/orders/currencies';
import type { DateReader } from '../../../../shared/dates';
import { minorDigits, toMinor } from './money';
import { referenceKey } from './references';
import type { ReferenceRule } from './references';
import { SHOP_STATUSES, ShopOrders } from './types';
import type { Attribution, ShopStatus } from './types';

/** The mapped fields: parameter name and the name the editor shows. */
const ORDER_FIELDS = {
	reference: ['shopOrderReference', 'Order Reference'],
	amount: ['shopAmount', 'Amount'],
	currency: ['shopCurrency', 'Currency'],
	date: ['shopOrderDate', 'Order Date'],
	status: ['shopStatus', 'Shop Status'],
	refunded: ['shopRefundedAmount', 'Refunded Amount'],
	awc: ['resendAttribution.awc', 'AWC'],
	voucher: ['resendAttribution.voucher', 'Voucher'],
	publisherId: ['resendAttribution.publisherId', 'Publisher ID'],
	clickTime: ['resendAttribution.clickTime', 'Click Time'],
} as const;

type Field = keyof typeof ORDER_FIELDS;

/** Shop statuses as shops write them (Shopify's financial_status included), compared loosely. */
const STATUS_WORDS = new Map<string, ShopStatus>(
	Object.entries({
		paid: 'paid',
		refunded: 'refunded',
		partiallyrefunded: 'partiallyRefunded',
		cancelled: 'cancelled',
		canceled: 'cancelled',
		voided: 'cancelled',
	}) as Array<[string, ShopStatus]>,
);
const STATUS_ALLOWED = 'must be paid, refunded, partially refunded or cancelled (or voided)';

const MAX_REFERENCE = 50;

/**
 * Reads and checks every input item as a shop order before anything is sent, into `orders`. Each
 * refusal names the item, the field as the editor shows it, the value and what is allowed.
 */
export class OrderReader {
	private readonly read: Record<Field, FieldReader>;

	readonly orders: ShopOrders;

	constructor(
		private readonly ctx: IExecuteFunctions,
		items: INodeExecutionData[],
		private readonly rule: ReferenceRule,
		private readonly dates: DateReader,
	) {
		const entries = Object.entries(ORDER_FIELDS).map(([field, [name]]) => [
			field,
			fieldReader(ctx, items, name),
		]);
		this.read = Object.fromEntries(entries) as Record<Field, FieldReader>;
		this.orders = new ShopOrders(items.length);
	}

	/** Adds item `itemIndex` to `orders` when it is a valid order, else says why it is not. */
	add(itemIndex: number): NodeOperationError | undefined {
		const rawReference = this.read.reference(itemIndex);
		const reference =
			typeof rawReference === 'number' ? String(rawReference) : text(rawReference).trim();
		if (reference === '' || reference.length > MAX_REFERENCE) {
			return this.refuse(
				itemIndex,
				'reference',
				rawReference,
				`must be 1 to ${MAX_REFERENCE} characters`,
			);
		}
		const key = referenceKey(reference, this.rule);
		if (key === '')
			return this.refuse(
				itemIndex,
				'reference',
				reference,
				'must keep some characters after the normalisation',
			);

		const rawCurrency = this.read.currency(itemIndex);
		const currency = text(rawCurrency).trim().toUpperCase();
		if (!ISO_4217_CURRENCIES.has(currency))
			return this.refuse(
				itemIndex,
				'currency',
				rawCurrency,
				'must be an ISO 4217 code such as GBP',
			);
		const digits = minorDigits(currency);

		const rawAmount = this.read.amount(itemIndex);
		const amount = toMinor(rawAmount, digits);
		if (amount === undefined || amount < 0) {
			return this.refuse(
				itemIndex,
				'amount',
				rawAmount,
				'must be a number of 0 or more with a decimal point, such as 19.99',
			);
		}
		const rawRefunded = this.read.refunded(itemIndex);
		const refunded = isEmpty(rawRefunded) ? 0 : toMinor(rawRefunded, digits);
		if (refunded === undefined || refunded < 0) {
			return this.refuse(
				itemIndex,
				'refunded',
				rawRefunded,
				'must be empty or a number of 0 or more, such as 5.00',
			);
		}

		const rawStatus = this.read.status(itemIndex);
		const status =
			(typeof rawStatus === 'string' ? STATUS_WORDS.get(rawStatus) : undefined) ??
			STATUS_WORDS.get(
				text(rawStatus)
					.toLowerCase()
					.replace(/[^a-z]/g, ''),
			);
		if (status === undefined) return this.refuse(itemIndex, 'status', rawStatus, STATUS_ALLOWED);

		const rawDate = this.read.date(itemIndex);
		const date = this.dates.read(rawDate);
		if (date === undefined)
			return this.refuse(
				itemIndex,
				'date',
				rawDate,
				'must be a date such as 2024-05-01T10:00:00+02:00',
			);

		const attribution = this.attribution(itemIndex);
		if (attribution instanceof Error) return attribution;
		const { orders } = this;
		const o = orders.length++;
		orders.itemIndex[o] = itemIndex;
		orders.amount[o] = amount;
		orders.refunded[o] = refunded;
		orders.date[o] = date;
		orders.digits[o] = digits;
		orders.status[o] = SHOP_STATUSES.indexOf(status);
		orders.reference[o] = reference;
		orders.key[o] = key;
		orders.currency[o] = currency;
		orders.givenDate[o] = rawDate as ShopOrders['givenDate'][number];
		if (attribution) orders.attribution.set(o, attribution);
		return undefined;
	}

	private refuse(
		itemIndex: number,
		field: Field,
		value: unknown,
		allowed: string,
	): NodeOperationError {
		return refuse(this.ctx.getNode(), itemIndex, ORDER_FIELDS[field][1], value, allowed);
	}

	/** Awin attributes a re-sent order by awc, a voucher, or publisher and click time together. */
	private attribution(itemIndex: number): Attribution | undefined | NodeOperationError {
		const awc = text(this.read.awc(itemIndex)).trim();
		const voucher = text(this.read.voucher(itemIndex)).trim();
		const rawPublisher = this.read.publisherId(itemIndex);
		const rawClick = this.read.clickTime(itemIndex);
		let publisherId: number | undefined;
		let clickTime: number | undefined;
		if (!isEmpty(rawPublisher) || !isEmpty(rawClick)) {
			publisherId = Number(rawPublisher);
			if (!Number.isSafeInteger(publisherId) || publisherId < 1) {
				return this.refuse(
					itemIndex,
					'publisherId',
					rawPublisher,
					'must be an Awin publisher ID, given with a Click Time',
				);
			}
			const click = this.dates.read(
				/^\d{10}$/.test(text(rawClick)) ? new Date(Number(rawClick) * 1000) : rawClick,
			);
			if (click === undefined)
				return this.refuse(
					itemIndex,
					'clickTime',
					rawClick,
					'must be a date or unix seconds, given with a Publisher ID',
				);
			clickTime = Math.floor(click / 1000);
		}
		if (!awc && !voucher && publisherId === undefined) return undefined;
		return {
			...(awc ? { awc } : {}),
			...(voucher ? { voucher } : {}),
			...(publisherId !== undefined ? { publisherId, clickTime } : {}),
		};
	}
}

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string'
		? value
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

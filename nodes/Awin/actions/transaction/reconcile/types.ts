import type { GenericValue, IDataObject } from 'n8n-workflow';

import type { ReferenceKey } from './references';

/** The named outputs of Reconcile, in the order the node shows them. */
export const OUTPUTS = [
	{ key: 'matched', displayName: 'Matched' },
	{ key: 'missingInAwin', displayName: 'Missing in Awin' },
	{ key: 'decline', displayName: 'Decline' },
	{ key: 'amend', displayName: 'Amend' },
	{ key: 'declinedAtAwin', displayName: 'Declined at Awin, Paid in Shop' },
	{ key: 'inAwinOnly', displayName: 'In Awin Only' },
	{ key: 'summary', displayName: 'Summary' },
] as const;

export type OutputKey = (typeof OUTPUTS)[number]['key'];

export const OUTPUT_INDEX = Object.fromEntries(OUTPUTS.map((o, i) => [o.key, i])) as Record<
	OutputKey,
	number
>;

export type ShopStatus = 'paid' | 'refunded' | 'partiallyRefunded' | 'cancelled';

/** What a re-sent order needs to be attributed: Awin takes awc, a voucher, or publisher + click. */
export interface Attribution {
	awc?: string;
	voucher?: string;
	publisherId?: number;
	/** Unix seconds. */
	clickTime?: number;
}

/** The shop statuses in the order their codes in ShopOrders.status give them. */
export const SHOP_STATUSES: readonly ShopStatus[] = [
	'paid',
	'refunded',
	'partiallyRefunded',
	'cancelled',
];

/**
 * The checked shop orders, a column per field (order `i` is position `i` of each), amounts in
 * minor units of the order's currency. Columns, not an object per order: a large run holds
 * 100,000 orders through the whole read of Awin, and typed arrays are no work for the garbage
 * collector.
 */
export class ShopOrders {
	length = 0;
	readonly itemIndex: Int32Array;
	readonly amount: Float64Array;
	readonly refunded: Float64Array;
	/** Epoch ms. */
	readonly date: Float64Array;
	readonly digits: Uint8Array;
	/** Index in SHOP_STATUSES. */
	readonly status: Uint8Array;
	// Made at their full length: growing them one order at a time copies them again and again.
	readonly reference: string[];
	/** What references are matched by (referenceKey). */
	readonly key: ReferenceKey[];
	readonly currency: string[];
	/** The order date as the item gave it, shown back unchanged. */
	readonly givenDate: Array<GenericValue | Date>;
	/** By position, only for orders that carry one. */
	readonly attribution = new Map<number, Attribution>();

	constructor(capacity: number) {
		this.reference = new Array<string>(capacity);
		this.key = new Array<ReferenceKey>(capacity);
		this.currency = new Array<string>(capacity);
		this.givenDate = new Array<GenericValue | Date>(capacity);
		this.itemIndex = new Int32Array(capacity);
		this.amount = new Float64Array(capacity);
		this.refunded = new Float64Array(capacity);
		this.date = new Float64Array(capacity);
		this.digits = new Uint8Array(capacity);
		this.status = new Uint8Array(capacity);
	}
}

/**
 * Awin's transactions of the read windows as the matching reads them, a column per field, the
 * sale amount in minor units. Awin's own row is kept for the output items.
 */
export class AwinSales {
	readonly id: Array<number | string>;
	readonly reference: string[];
	/** What references are matched by (referenceKey); empty when Awin has no order reference. */
	readonly key: ReferenceKey[];
	readonly status: string[];
	readonly currency: string[];
	readonly digits: Uint8Array;
	readonly amount: Float64Array;
	/** As Awin shows it, in the read's timezone. */
	readonly date: string[];
	/** The position of the shop order matched with it, -1 until one is. */
	readonly pairedOrder: Int32Array;

	constructor(readonly rows: IDataObject[]) {
		const length = rows.length;
		this.id = new Array<number | string>(length);
		this.reference = new Array<string>(length);
		this.key = new Array<ReferenceKey>(length);
		this.status = new Array<string>(length);
		this.currency = new Array<string>(length);
		this.date = new Array<string>(length);
		this.digits = new Uint8Array(rows.length);
		this.amount = new Float64Array(rows.length);
		this.pairedOrder = new Int32Array(rows.length).fill(-1);
	}

	get length(): number {
		return this.rows.length;
	}
}

export interface ReconcileSettings {
	/** Largest difference still counted as equal, in the order's currency (19.99, not 1999). */
	tolerance: number;
	declineReason: string;
	amendReason: string;
	/** Orders older than this (days) are not re-sent: Awin would not attribute them any more. */
	maxResendDays: number;
	channel: string;
	sendTransactionTime: boolean;
	/** "Now", epoch ms (a parameter so tests are repeatable). */
	now: number;
	timezone: string;
	/** The orders' own date span in Awin's format; Awin-only sales outside it lie in the margin. */
	firstOrder: string;
	lastOrder: string;
}

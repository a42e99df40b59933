import type { GenericValue, IDataObject } from 'n8n-workflow';

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

/** One shop order (an input item), checked: amounts in minor units of its currency. */
export interface ShopOrder {
	itemIndex: number;
	reference: string;
	key: string;
	currency: string;
	digits: number;
	amount: number;
	refunded: number;
	status: ShopStatus;
	/** Epoch ms. */
	date: number;
	/** The order date as the item gave it, shown back unchanged. */
	givenDate: GenericValue | Date;
	attribution: Attribution | undefined;
}

/** One Awin transaction of the read windows, its sale amount in minor units. */
export interface AwinSale {
	id: number | string;
	reference: string;
	/** Empty when Awin has no order reference for it. */
	key: string;
	status: string;
	currency: string;
	digits: number;
	amount: number;
	/** As Awin shows it, in the read's timezone. */
	date: string;
	row: IDataObject;
	/** The shop order matched with it, set while matching. */
	pairedOrder: ShopOrder | undefined;
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

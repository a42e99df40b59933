import { OUTPUT_INDEX } from './types';
import type { OutputKey } from './types';

/** Where an order or a transaction goes, and why: one constant per reason, shared by all items. */
export interface Decision {
	output: OutputKey;
	/** The output's index in OUTPUTS. */
	index: number;
	reason: string;
	/** The reason in words, as the output items carry it for people reading a sheet or a message. */
	explanation: string;
	/** Position in DECISION_LIST, for counting. */
	id: number;
}

const decision = (output: OutputKey, reason: string, explanation: string) => ({
	output,
	reason,
	explanation,
});

const REASONS = {
	agrees: decision('matched', 'agrees', 'Shop and Awin agree'),
	bothWithoutCommission: decision(
		'matched',
		'bothWithoutCommission',
		'Refunded or cancelled in the shop and without commission at Awin',
	),
	approvedButRefunded: decision(
		'matched',
		'approvedButRefunded',
		'Refunded or cancelled in the shop, but Awin has already approved it: ask Awin to correct it',
	),
	approvedAmountDiffers: decision(
		'matched',
		'approvedAmountDiffers',
		'The amounts differ, but Awin has already approved it: ask Awin to correct it',
	),
	currencyDiffers: decision(
		'matched',
		'currencyDiffers',
		'Awin records it in another currency: the amounts were not compared',
	),
	resend: decision(
		'missingInAwin',
		'resend',
		'Not in Awin: a ready Conversion API order is attached',
	),
	noAttribution: decision(
		'missingInAwin',
		'noAttribution',
		'Not in Awin, and the order has no awc, voucher or publisher with click time',
	),
	tooOld: decision('missingInAwin', 'tooOld', 'Not in Awin, and too old to be sent again'),
	nothingToSend: decision(
		'missingInAwin',
		'nothingToSend',
		'Not in Awin, refunded or cancelled: nothing to send',
	),
	duplicateInShop: decision(
		'missingInAwin',
		'duplicateInShop',
		'Another shop order has the same order reference',
	),
	refunded: decision('decline', 'refunded', 'Refunded in the shop, still pending at Awin'),
	cancelled: decision('decline', 'cancelled', 'Cancelled in the shop, still pending at Awin'),
	fullyRefunded: decision(
		'decline',
		'fullyRefunded',
		'Refunded in full in the shop, still pending at Awin',
	),
	zeroAmount: decision(
		'decline',
		'zeroAmount',
		'The shop order is for nothing (an amount of 0), still pending at Awin',
	),
	partialRefund: decision(
		'amend',
		'partialRefund',
		'Partly refunded in the shop: Awin should have the new amount',
	),
	amountDiffers: decision(
		'amend',
		'amountDiffers',
		'The shop amount differs from the amount at Awin beyond the tolerance',
	),
	declinedAtAwin: decision(
		'declinedAtAwin',
		'declinedAtAwin',
		'Declined at Awin, but the shop was paid',
	),
	deletedAtAwin: decision(
		'declinedAtAwin',
		'deletedAtAwin',
		'Deleted at Awin, but the shop was paid',
	),
	noShopOrder: decision(
		'inAwinOnly',
		'noShopOrder',
		'No shop order with this reference in the orders given',
	),
	inMargin: decision(
		'inAwinOnly',
		'inMargin',
		'Outside the dates of the orders given (in the margin read around them)',
	),
	duplicateAtAwin: decision(
		'inAwinOnly',
		'duplicateAtAwin',
		'Another Awin transaction has the same order reference',
	),
	noOrderReference: decision(
		'inAwinOnly',
		'noOrderReference',
		'Awin has no order reference for this transaction',
	),
};

type Reason = keyof typeof REASONS;

export const DECISION_LIST: readonly Decision[] = Object.values(REASONS).map((d, id) => ({
	...d,
	index: OUTPUT_INDEX[d.output],
	id,
}));

export const DECISIONS = Object.fromEntries(DECISION_LIST.map((d) => [d.reason, d])) as Record<
	Reason,
	Decision
>;

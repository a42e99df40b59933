import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Decision } from './classify';
import { shopNet } from './classify';
import { fromMinor } from './money';
import type { AwinSale, ReconcileSettings, ShopOrder } from './types';

/** Each reason in words, as the output items carry it for people reading a sheet or a message. */
const EXPLANATIONS: Record<string, string> = {
	agrees: 'Shop and Awin agree',
	bothWithoutCommission: 'Refunded or cancelled in the shop and without commission at Awin',
	approvedButRefunded:
		'Refunded or cancelled in the shop, but Awin has already approved it: ask Awin to correct it',
	approvedAmountDiffers:
		'The amounts differ, but Awin has already approved it: ask Awin to correct it',
	currencyDiffers: 'Awin records it in another currency: the amounts were not compared',
	resend: 'Not in Awin: a ready Conversion API order is attached',
	noAttribution: 'Not in Awin, and the order has no awc, voucher or publisher with click time',
	tooOld: 'Not in Awin, and too old to be sent again',
	nothingToSend: 'Not in Awin, refunded or cancelled: nothing to send',
	duplicateInShop: 'Another shop order has the same order reference',
	refunded: 'Refunded in the shop, still pending at Awin',
	cancelled: 'Cancelled in the shop, still pending at Awin',
	fullyRefunded: 'Refunded in full in the shop, still pending at Awin',
	partialRefund: 'Partly refunded in the shop: Awin should have the new amount',
	amountDiffers: 'The shop amount differs from the amount at Awin beyond the tolerance',
	declinedAtAwin: 'Declined at Awin, but the shop was paid',
	deletedAtAwin: 'Deleted at Awin, but the shop was paid',
	noShopOrder: 'No shop order with this reference in the orders given',
	inMargin: 'Outside the dates of the orders given (in the margin read around them)',
	duplicateAtAwin: 'Another Awin transaction has the same order reference',
	noOrderReference: 'Awin has no order reference for this transaction',
};

/** An order and its transaction, with what Validate needs when they call for a change. */
export function pairItem(
	order: ShopOrder,
	sale: AwinSale,
	decision: Decision,
	settings: ReconcileSettings,
): INodeExecutionData {
	const d = order.digits;
	const net = shopNet(order);
	// One object literal per item, no spread: a large run makes 100,000 of them.
	const json: IDataObject = {
		outcome: decision.output,
		reason: decision.reason,
		explanation: EXPLANATIONS[decision.reason],
		orderReference: order.reference,
		currency: order.currency,
		shopStatus: order.status,
		shopAmount: fromMinor(order.amount, d),
		shopRefunded: fromMinor(order.refunded, d),
		shopNet: fromMinor(net, d),
		orderDate: order.givenDate,
		transactionId: sale.id,
		awinStatus: sale.status,
		awinCurrency: sale.currency,
		awinAmount: fromMinor(sale.amount, sale.digits),
		transactionDate: sale.date,
		difference: order.currency === sale.currency ? fromMinor(net - sale.amount, d) : null,
		transaction: sale.row,
	};
	if (decision.output === 'decline') {
		json.validation = {
			action: 'decline',
			transaction: { transactionId: sale.id, declineReason: settings.declineReason },
		};
	} else if (decision.output === 'amend') {
		json.validation = {
			action: 'amend',
			transaction: {
				transactionId: sale.id,
				amendReason: settings.amendReason,
				currency: order.currency,
				saleAmount: fromMinor(net, d),
			},
		};
	}
	return { json, pairedItem: { item: order.itemIndex } };
}

/** An order Awin does not have: with a ready Conversion API order when it can be sent again. */
export function shopOnlyItem(
	order: ShopOrder,
	reason: string,
	settings: ReconcileSettings,
	duplicateOf?: ShopOrder,
): INodeExecutionData {
	const d = order.digits;
	const json: IDataObject = {
		outcome: 'missingInAwin',
		reason,
		explanation: EXPLANATIONS[reason],
		orderReference: order.reference,
		currency: order.currency,
		shopStatus: order.status,
		shopAmount: fromMinor(order.amount, d),
		shopRefunded: fromMinor(order.refunded, d),
		shopNet: fromMinor(shopNet(order), d),
		orderDate: order.givenDate,
	};
	if (duplicateOf) json.duplicateOfItem = duplicateOf.itemIndex;
	if (reason === 'resend') json.conversionOrder = conversionOrder(order, settings);
	return { json, pairedItem: { item: order.itemIndex } };
}

/** The order in Awin's Conversion API field names, for Conversion > Create Orders (JSON input). */
function conversionOrder(order: ShopOrder, settings: ReconcileSettings): IDataObject {
	const amount = fromMinor(shopNet(order), order.digits);
	const attribution = order.attribution ?? {};
	const sent: IDataObject = {
		orderReference: order.reference,
		amount,
		channel: settings.channel,
		currency: order.currency,
		commissionGroups: [{ code: 'DEFAULT', amount }],
	};
	if (attribution.awc) sent.awc = attribution.awc;
	if (attribution.voucher) sent.voucher = attribution.voucher;
	if (attribution.publisherId !== undefined && attribution.clickTime !== undefined) {
		sent.publisherId = attribution.publisherId;
		sent.clickTime = attribution.clickTime;
	}
	if (settings.sendTransactionTime) sent.transactionTime = Math.floor(order.date / 1000);
	return sent;
}

/**
 * A transaction no shop order matches. It came from the one read all orders started, so it is
 * paired with the first input item, or, when it repeats a reference, with that reference's order.
 */
export function awinOnlyItem(
	sale: AwinSale,
	reason: string,
	pairedIndex: number,
	duplicateOf?: AwinSale,
): INodeExecutionData {
	const json: IDataObject = {
		outcome: 'inAwinOnly',
		reason,
		explanation: EXPLANATIONS[reason],
		orderReference: sale.reference,
		transactionId: sale.id,
		awinStatus: sale.status,
		awinCurrency: sale.currency,
		awinAmount: fromMinor(sale.amount, sale.digits),
		transactionDate: sale.date,
	};
	if (duplicateOf) json.duplicateOfTransaction = duplicateOf.id;
	json.transaction = sale.row;
	return { json, pairedItem: { item: pairedIndex } };
}

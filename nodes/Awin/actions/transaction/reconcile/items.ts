import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { shopNet } from './classify';
import type { Decision } from './decisions';
import { fromMinor } from './money';
import { SHOP_STATUSES } from './types';
import type { AwinSales, ReconcileSettings, ShopOrders } from './types';

/** Shop order `o` and its transaction `s`, with what Validate needs when they call for a change. */
export function pairItem(
	orders: ShopOrders,
	o: number,
	sales: AwinSales,
	s: number,
	decision: Decision,
	settings: ReconcileSettings,
): INodeExecutionData {
	const digits = orders.digits[o];
	const currency = orders.currency[o];
	const net = shopNet(orders, o);
	const shopNetAmount = fromMinor(net, digits);
	const sameCurrency = currency === sales.currency[s];
	// One object literal per item, no spread: a large run makes 100,000 of them.
	const json: IDataObject = {
		outcome: decision.output,
		reason: decision.reason,
		explanation: decision.explanation,
		orderReference: orders.reference[o],
		currency,
		shopStatus: SHOP_STATUSES[orders.status[o]],
		shopAmount: fromMinor(orders.amount[o], digits),
		shopRefunded: fromMinor(orders.refunded[o], digits),
		shopNet: shopNetAmount,
		orderDate: orders.givenDate[o],
		transactionId: sales.id[s],
		awinStatus: sales.status[s],
		awinCurrency: sales.currency[s],
		awinAmount: fromMinor(sales.amount[s], sales.digits[s]),
		transactionDate: sales.date[s],
		difference: sameCurrency ? fromMinor(net - sales.amount[s], digits) : null,
		transaction: sales.rows[s],
	};
	if (decision.output === 'decline') {
		json.validation = {
			action: 'decline',
			transaction: { transactionId: sales.id[s], declineReason: settings.declineReason },
		};
	} else if (decision.output === 'amend') {
		json.validation = {
			action: 'amend',
			transaction: {
				transactionId: sales.id[s],
				amendReason: settings.amendReason,
				currency,
				saleAmount: shopNetAmount,
			},
		};
	}
	return { json, pairedItem: { item: orders.itemIndex[o] } };
}

/**
 * Shop order `o`, which Awin does not have: with a ready Conversion API order when it can be sent
 * again, and the input item of the first order with its reference when it repeats one.
 */
export function shopOnlyItem(
	orders: ShopOrders,
	o: number,
	decision: Decision,
	settings: ReconcileSettings,
	duplicateOfItem?: number,
): INodeExecutionData {
	const digits = orders.digits[o];
	const json: IDataObject = {
		outcome: decision.output,
		reason: decision.reason,
		explanation: decision.explanation,
		orderReference: orders.reference[o],
		currency: orders.currency[o],
		shopStatus: SHOP_STATUSES[orders.status[o]],
		shopAmount: fromMinor(orders.amount[o], digits),
		shopRefunded: fromMinor(orders.refunded[o], digits),
		shopNet: fromMinor(shopNet(orders, o), digits),
		orderDate: orders.givenDate[o],
	};
	if (duplicateOfItem !== undefined) json.duplicateOfItem = duplicateOfItem;
	if (decision.reason === 'resend') json.conversionOrder = conversionOrder(orders, o, settings);
	return { json, pairedItem: { item: orders.itemIndex[o] } };
}

/** Order `o` in Awin's Conversion API field names, for Conversion > Create Orders (JSON input). */
function conversionOrder(orders: ShopOrders, o: number, settings: ReconcileSettings): IDataObject {
	const amount = fromMinor(shopNet(orders, o), orders.digits[o]);
	const attribution = orders.attribution.get(o) ?? {};
	const sent: IDataObject = {
		orderReference: orders.reference[o],
		amount,
		channel: settings.channel,
		currency: orders.currency[o],
		commissionGroups: [{ code: 'DEFAULT', amount }],
	};
	if (attribution.awc) sent.awc = attribution.awc;
	if (attribution.voucher) sent.voucher = attribution.voucher;
	if (attribution.publisherId !== undefined && attribution.clickTime !== undefined) {
		sent.publisherId = attribution.publisherId;
		sent.clickTime = attribution.clickTime;
	}
	if (settings.sendTransactionTime) sent.transactionTime = Math.floor(orders.date[o] / 1000);
	return sent;
}

/**
 * Transaction `s`, which no shop order matches. It came from the one read all orders started, so
 * it is paired with the first input item, or, when it repeats a reference, with that reference's
 * order.
 */
export function awinOnlyItem(
	sales: AwinSales,
	s: number,
	decision: Decision,
	pairedIndex: number,
	duplicateOfTransaction?: number | string,
): INodeExecutionData {
	const json: IDataObject = {
		outcome: decision.output,
		reason: decision.reason,
		explanation: decision.explanation,
		orderReference: sales.reference[s],
		transactionId: sales.id[s],
		awinStatus: sales.status[s],
		awinCurrency: sales.currency[s],
		awinAmount: fromMinor(sales.amount[s], sales.digits[s]),
		transactionDate: sales.date[s],
	};
	if (duplicateOfTransaction !== undefined) json.duplicateOfTransaction = duplicateOfTransaction;
	json.transaction = sales.rows[s];
	return { json, pairedItem: { item: pairedIndex } };
}

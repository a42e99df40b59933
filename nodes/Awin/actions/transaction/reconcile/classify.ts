import type { INodeExecutionData } from 'n8n-workflow';

import { DECISIONS } from './decisions';
import type { Decision } from './decisions';
import { awinOnlyItem, pairItem, shopOnlyItem } from './items';
import { toMinor } from './money';
import { Tally } from './summary';
import { OUTPUTS } from './types';
import type { ReferenceKey } from './references';
import type { AwinSales, ReconcileSettings, ShopOrders } from './types';

const REFUNDED = 1;
const CANCELLED = 3;

/** What the shop keeps of order `o` (minor units): nothing once refunded or cancelled. */
export function shopNet(orders: ShopOrders, o: number): number {
	const status = orders.status[o];
	if (status === REFUNDED || status === CANCELLED) return 0;
	return Math.max(0, orders.amount[o] - orders.refunded[o]);
}

/**
 * What shop order `o` and its Awin transaction `s` call for. Awin's validation changes pending
 * transactions; an approved one that disagrees stays Matched, with its reason.
 */
function decidePair(
	orders: ShopOrders,
	o: number,
	sales: AwinSales,
	s: number,
	settings: ReconcileSettings,
): Decision {
	const owed = shopNet(orders, o);
	const status = sales.status[s];
	if (status === 'declined' || status === 'deleted') {
		if (owed > 0) return status === 'declined' ? DECISIONS.declinedAtAwin : DECISIONS.deletedAtAwin;
		return DECISIONS.bothWithoutCommission;
	}
	const sameCurrency = orders.currency[o] === sales.currency[s];
	const tolerance = toMinor(settings.tolerance, orders.digits[o]) ?? 0;
	const differs = !sameCurrency || Math.abs(owed - sales.amount[s]) > tolerance;
	if (status !== 'pending') {
		if (owed <= 0) return DECISIONS.approvedButRefunded;
		if (!sameCurrency) return DECISIONS.currencyDiffers;
		return differs ? DECISIONS.approvedAmountDiffers : DECISIONS.agrees;
	}
	const partlyRefunded = orders.refunded[o] > 0;
	if (owed <= 0) {
		const shopStatus = orders.status[o];
		if (shopStatus === CANCELLED) return DECISIONS.cancelled;
		if (shopStatus === REFUNDED) return DECISIONS.refunded;
		return partlyRefunded ? DECISIONS.fullyRefunded : DECISIONS.zeroAmount;
	}
	if (!sameCurrency) {
		// Another currency cannot be compared; a partial refund is still passed on, in the shop's.
		return partlyRefunded ? DECISIONS.partialRefund : DECISIONS.currencyDiffers;
	}
	if (!differs) return DECISIONS.agrees;
	return partlyRefunded ? DECISIONS.partialRefund : DECISIONS.amountDiffers;
}

/** Why shop order `o`, without an Awin transaction, is or is not sent again. */
function decideMissing(orders: ShopOrders, o: number, settings: ReconcileSettings): Decision {
	if (shopNet(orders, o) <= 0) return DECISIONS.nothingToSend;
	if (!orders.attribution.has(o)) return DECISIONS.noAttribution;
	if (settings.now - orders.date[o] > settings.maxResendDays * 86_400_000) return DECISIONS.tooOld;
	return DECISIONS.resend;
}

interface Reconciliation {
	/** One list per output of OUTPUTS; the summary's list is filled by the caller. */
	outputs: INodeExecutionData[][];
	tally: Tally;
}

/**
 * Matches orders and transactions by their reference key and puts each of them in exactly one
 * output. The first order and the first transaction (Awin's date order) of a key are a pair;
 * any further one with that key is a duplicate, reported on its own, never merged.
 */
export function reconcile(
	orders: ShopOrders,
	sales: AwinSales,
	settings: ReconcileSettings,
): Reconciliation {
	const outputs: INodeExecutionData[][] = OUTPUTS.map(() => []);
	const tally = new Tally();
	const put = (decision: Decision, item: INodeExecutionData) => {
		outputs[decision.index].push(item);
		tally.item(decision);
	};
	const saleTotal = (decision: Decision, s: number) =>
		tally.transaction(decision.index, sales.currency[s], sales.digits[s], sales.amount[s]);
	const orderTotal = (decision: Decision, o: number) =>
		tally.order(decision.index, orders.currency[o], orders.digits[o], orders.amount[o]);

	// Positions, not objects, in the maps: a map of 100,000 references is asked as little as
	// possible (each lookup misses the processor's cache), and a sale keeps the order it is
	// paired with in sales.pairedOrder.
	const firstSale = new Map<ReferenceKey, number>();
	const unmatchedOrders = new Map<ReferenceKey, number>();
	const duplicateSales: number[] = [];
	for (let s = 0; s < sales.length; s++) {
		const key = sales.key[s];
		if (key === '') {
			const decision = DECISIONS.noOrderReference;
			put(decision, awinOnlyItem(sales, s, decision, 0));
			saleTotal(decision, s);
			continue;
		}
		if (firstSale.get(key) === undefined) firstSale.set(key, s);
		else duplicateSales.push(s);
	}
	for (let o = 0; o < orders.length; o++) {
		const key = orders.key[o];
		const s = firstSale.get(key);
		const first = s !== undefined ? sales.pairedOrder[s] : (unmatchedOrders.get(key) ?? -1);
		if (first !== -1) {
			const decision = DECISIONS.duplicateInShop;
			put(decision, shopOnlyItem(orders, o, decision, settings, orders.itemIndex[first]));
			orderTotal(decision, o);
			continue;
		}
		if (s === undefined) {
			unmatchedOrders.set(key, o);
			const decision = decideMissing(orders, o, settings);
			put(decision, shopOnlyItem(orders, o, decision, settings));
			orderTotal(decision, o);
			continue;
		}
		sales.pairedOrder[s] = o;
		const decision = decidePair(orders, o, sales, s, settings);
		put(decision, pairItem(orders, o, sales, s, decision, settings));
		orderTotal(decision, o);
		saleTotal(decision, s);
	}
	// An extra transaction of a reference is paired with that reference's shop order, if any.
	for (const s of duplicateSales) {
		const first = firstSale.get(sales.key[s]) as number;
		const pairedOrder = sales.pairedOrder[first];
		const pairedIndex = pairedOrder === -1 ? 0 : orders.itemIndex[pairedOrder];
		const decision = DECISIONS.duplicateAtAwin;
		put(decision, awinOnlyItem(sales, s, decision, pairedIndex, sales.id[first]));
		saleTotal(decision, s);
	}
	for (const s of firstSale.values()) {
		if (sales.pairedOrder[s] !== -1) continue;
		const date = sales.date[s];
		const outside = date < settings.firstOrder || date > settings.lastOrder;
		const decision = outside ? DECISIONS.inMargin : DECISIONS.noShopOrder;
		put(decision, awinOnlyItem(sales, s, decision, 0));
		saleTotal(decision, s);
	}
	return { outputs, tally };
}

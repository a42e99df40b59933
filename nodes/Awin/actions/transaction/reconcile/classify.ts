import type { INodeExecutionData } from 'n8n-workflow';

import { awinOnlyItem, pairItem, shopOnlyItem } from './items';
import { Tally } from './summary';
import { OUTPUT_INDEX, OUTPUTS } from './types';
import type { AwinSale, OutputKey, ReconcileSettings, ShopOrder } from './types';

export interface Decision {
	output: OutputKey;
	reason: string;
}

const IN_AWIN_ONLY = OUTPUT_INDEX.inAwinOnly;
const WITHOUT_COMMISSION = new Set(['declined', 'deleted']);

/**
 * What one shop order and its Awin transaction call for. Awin's validation changes pending
 * transactions; an approved one that disagrees stays Matched, with its reason.
 */
function decidePair(order: ShopOrder, sale: AwinSale, settings: ReconcileSettings): Decision {
	const owed = shopNet(order);
	if (WITHOUT_COMMISSION.has(sale.status)) {
		if (owed > 0) return { output: 'declinedAtAwin', reason: `${sale.status}AtAwin` };
		return { output: 'matched', reason: 'bothWithoutCommission' };
	}
	const sameCurrency = order.currency === sale.currency;
	const tolerance = Math.round(settings.tolerance * 10 ** order.digits);
	const differs = !sameCurrency || Math.abs(owed - sale.amount) > tolerance;
	if (sale.status !== 'pending') {
		if (owed <= 0) return { output: 'matched', reason: 'approvedButRefunded' };
		if (!sameCurrency) return { output: 'matched', reason: 'currencyDiffers' };
		return { output: 'matched', reason: differs ? 'approvedAmountDiffers' : 'agrees' };
	}
	if (owed <= 0) {
		const reason = order.status === 'partiallyRefunded' ? 'fullyRefunded' : order.status;
		return { output: 'decline', reason };
	}
	if (!sameCurrency) {
		// Another currency cannot be compared; a partial refund is still passed on, in the shop's.
		if (order.refunded > 0) return { output: 'amend', reason: 'partialRefund' };
		return { output: 'matched', reason: 'currencyDiffers' };
	}
	if (!differs) return { output: 'matched', reason: 'agrees' };
	return { output: 'amend', reason: order.refunded > 0 ? 'partialRefund' : 'amountDiffers' };
}

/** What the shop keeps of an order (minor units): nothing once refunded or cancelled. */
export function shopNet(order: ShopOrder): number {
	if (order.status === 'refunded' || order.status === 'cancelled') return 0;
	return Math.max(0, order.amount - order.refunded);
}

/** Why a shop order without an Awin transaction is, or is not, sent again. */
function decideMissing(order: ShopOrder, settings: ReconcileSettings): Decision {
	if (shopNet(order) <= 0) return { output: 'missingInAwin', reason: 'nothingToSend' };
	if (!order.attribution) return { output: 'missingInAwin', reason: 'noAttribution' };
	if (settings.now - order.date > settings.maxResendDays * 86_400_000) {
		return { output: 'missingInAwin', reason: 'tooOld' };
	}
	return { output: 'missingInAwin', reason: 'resend' };
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
	orders: ShopOrder[],
	sales: AwinSale[],
	settings: ReconcileSettings,
): Reconciliation {
	const outputs: INodeExecutionData[][] = OUTPUTS.map(() => []);
	const tally = new Tally();
	// One lookup per order: a sale remembers the order it is paired with (pairedOrder, so the
	// sales are for one call), and a map of 100,000 references is asked as little as possible:
	// each lookup in it misses the processor's cache.
	const firstSale = new Map<string, AwinSale>();
	const unmatchedOrders = new Map<string, ShopOrder>();
	const duplicateSales: AwinSale[] = [];
	for (const sale of sales) {
		if (sale.key === '') {
			put('inAwinOnly', 'noOrderReference', awinOnlyItem(sale, 'noOrderReference', 0));
			tally.transaction(IN_AWIN_ONLY, sale.currency, sale.digits, sale.amount);
			continue;
		}
		if (firstSale.get(sale.key) === undefined) firstSale.set(sale.key, sale);
		else duplicateSales.push(sale);
	}
	for (const order of orders) {
		const sale = firstSale.get(order.key);
		const first = sale ? sale.pairedOrder : unmatchedOrders.get(order.key);
		if (first !== undefined) {
			put(
				'missingInAwin',
				'duplicateInShop',
				shopOnlyItem(order, 'duplicateInShop', settings, first),
			);
			tally.order(OUTPUT_INDEX.missingInAwin, order.currency, order.digits, order.amount);
			continue;
		}
		if (sale) sale.pairedOrder = order;
		else unmatchedOrders.set(order.key, order);
		const decision = sale ? decidePair(order, sale, settings) : decideMissing(order, settings);
		const item = sale
			? pairItem(order, sale, decision, settings)
			: shopOnlyItem(order, decision.reason, settings);
		put(decision.output, decision.reason, item);
		tally.order(OUTPUT_INDEX[decision.output], order.currency, order.digits, order.amount);
		if (sale) {
			tally.transaction(OUTPUT_INDEX[decision.output], sale.currency, sale.digits, sale.amount);
		}
	}
	// An extra transaction of a reference is paired with that reference's shop order, if any.
	for (const sale of duplicateSales) {
		const first = firstSale.get(sale.key) as AwinSale;
		const pairedIndex = first.pairedOrder?.itemIndex ?? 0;
		put('inAwinOnly', 'duplicateAtAwin', awinOnlyItem(sale, 'duplicateAtAwin', pairedIndex, first));
		tally.transaction(IN_AWIN_ONLY, sale.currency, sale.digits, sale.amount);
	}
	for (const sale of firstSale.values()) {
		if (sale.pairedOrder !== undefined) continue;
		const outside = sale.date < settings.firstOrder || sale.date > settings.lastOrder;
		const reason = outside ? 'inMargin' : 'noShopOrder';
		put('inAwinOnly', reason, awinOnlyItem(sale, reason, 0));
		tally.transaction(IN_AWIN_ONLY, sale.currency, sale.digits, sale.amount);
	}
	return { outputs, tally };

	function put(output: OutputKey, reason: string, item: INodeExecutionData): void {
		const index = OUTPUT_INDEX[output];
		outputs[index].push(item);
		tally.item(index, reason);
	}
}

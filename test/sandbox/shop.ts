/**
 * A shop and its Awin side for reconciliation: shop orders (as a Set node shapes Shopify's) and
 * the sandbox transactions that go with them. Every case is planted on purpose and knows the
 * output and reason it must land in, so a test compares the node's outputs with what was planted,
 * not with a second copy of the node's rules. The generator's own transactions are switched off
 * (quiet) so the planted ones are all Awin has.
 */
import type { AwinSandbox } from './server.ts';
import { sandboxTransactions } from './routes/transactions.ts';
import type { RawTransaction } from './routes/transactions.ts';

const DAY = 86_400_000;

export interface ShopOrderJson {
	orderReference: string;
	amount: string;
	currency: string;
	orderDate: string;
	status: string;
	refundedAmount: string;
	awc?: string;
}

export interface ShopOptions {
	advertiserId?: number;
	/** First order (epoch ms) and how many days the orders span. */
	start: number;
	days: number;
	/** How many cases; each is one order and/or one transaction (duplicates two). */
	cases: number;
	/** "Now" for the age of missing orders (default Date.now()). */
	now?: number;
}

export interface PlantedShop {
	orders: ShopOrderJson[];
	transactions: number;
	/** Items expected per output and per `output/reason`. */
	outputs: Record<string, number>;
	reasons: Record<string, number>;
}

type Side = Partial<Pick<RawTransaction, 'status' | 'currency'>> & {
	sale?: number;
	ref?: string;
	shift?: number;
};
interface Case {
	output: string;
	reason: string;
	shop?: Partial<ShopOrderJson> & { skip?: boolean };
	awin?: Side | null;
	/** A second transaction or order with the same reference: its own output and reason. */
	twin?: 'awin' | 'shop';
}

/**
 * One cycle of cases; the matched ones are most, as in a real shop. Shop references are Shopify
 * names ("#1001"), Awin's half with and half without the '#', one in capitals.
 */
const CYCLE: Case[] = [
	...Array.from({ length: 11 }, (): Case => ({ output: 'matched', reason: 'agrees' })),
	{ output: 'matched', reason: 'agrees', awin: { ref: 'upper' } },
	{ output: 'decline', reason: 'refunded', shop: { status: 'refunded' } },
	{ output: 'decline', reason: 'cancelled', shop: { status: 'voided' } },
	{
		output: 'amend',
		reason: 'partialRefund',
		shop: { status: 'partially_refunded', refundedAmount: '10.00' },
	},
	{ output: 'amend', reason: 'amountDiffers', shop: { amount: 'plus5' } },
	{ output: 'declinedAtAwin', reason: 'declinedAtAwin', awin: { status: 'declined' } },
	{
		output: 'matched',
		reason: 'approvedButRefunded',
		shop: { status: 'refunded' },
		awin: { status: 'approved' },
	},
	{ output: 'matched', reason: 'currencyDiffers', shop: { currency: 'USD' } },
	{ output: 'missingInAwin', reason: 'missing', shop: { awc: 'awc' }, awin: null },
	{ output: 'missingInAwin', reason: 'noAttribution', awin: null },
	{ output: 'inAwinOnly', reason: 'noShopOrder', shop: { skip: true } },
	{ output: 'matched', reason: 'agrees', twin: 'awin' },
	{ output: 'matched', reason: 'agrees', twin: 'shop' },
];

function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), a | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Adds the planted transactions to the sandbox and returns the shop orders and what to expect. */
export function plantShop(sandbox: AwinSandbox, options: ShopOptions): PlantedShop {
	const advertiserId = options.advertiserId ?? 10001;
	const now = options.now ?? Date.now();
	const store = sandboxTransactions(sandbox);
	store.quiet(0);
	const rand = random(options.cases);
	const orders: ShopOrderJson[] = [];
	const outputs: Record<string, number> = {};
	const reasons: Record<string, number> = {};
	const expect = (output: string, reason: string) => {
		outputs[output] = (outputs[output] ?? 0) + 1;
		reasons[`${output}/${reason}`] = (reasons[`${output}/${reason}`] ?? 0) + 1;
	};
	const step = (options.days * DAY) / options.cases;
	let transactions = 0;
	const addSale = (ref: string, at: number, sale: number, side: Side) => {
		const t = store.add({
			advertiserId,
			publisherId: 20001,
			at: at + (side.shift ?? 40_000),
			sale,
			status: side.status ?? 'pending',
		});
		t.orderRef = ref;
		if (side.currency) t.currency = side.currency;
		transactions++;
	};
	for (let i = 0; i < options.cases; i++) {
		const planted = CYCLE[i % CYCLE.length];
		const at = Math.floor((options.start + i * step) / 1000) * 1000;
		const number = 100_000 + i;
		const sale = Math.round((10 + rand() * 190) * 100) / 100;
		const shop = planted.shop ?? {};
		const awinRef =
			planted.awin?.ref === 'upper' ? `#ORD${number}` : i % 2 === 0 ? `${number}` : `#${number}`;
		const shopRef = planted.awin?.ref === 'upper' ? `#ord${number}` : `#${number}`;
		if (planted.awin !== null) addSale(awinRef, at, sale, planted.awin ?? {});
		if (!shop.skip) {
			orders.push({
				orderReference: shopRef,
				amount: shop.amount === 'plus5' ? (sale + 5).toFixed(2) : sale.toFixed(2),
				currency: shop.currency ?? 'GBP',
				orderDate: new Date(at).toISOString(),
				status: shop.status ?? 'paid',
				refundedAmount: shop.refundedAmount ?? '',
				...(shop.awc ? { awc: `${advertiserId}_${Math.floor(at / 1000)}_${number}` } : {}),
			});
		}
		const young = now - at <= 30 * DAY;
		const reason = planted.reason === 'missing' ? (young ? 'resend' : 'tooOld') : planted.reason;
		expect(planted.output, reason);
		if (planted.twin === 'awin') {
			addSale(awinRef, at, sale, { shift: 3_600_000 });
			expect('inAwinOnly', 'duplicateAtAwin');
		} else if (planted.twin === 'shop') {
			orders.push({ ...orders[orders.length - 1], orderDate: new Date(at + 60_000).toISOString() });
			expect('missingInAwin', 'duplicateInShop');
		}
	}
	return { orders, transactions, outputs, reasons };
}

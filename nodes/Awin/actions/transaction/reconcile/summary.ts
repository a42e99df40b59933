import type { IDataObject } from 'n8n-workflow';

import { fromMinor } from './money';
import { OUTPUTS } from './types';
import type { OutputKey } from './types';

const byName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : 1);

interface CurrencyTotals {
	orders: number;
	shopAmount: number;
	transactions: number;
	awinAmount: number;
	digits: number;
}

/**
 * Counts and sums per output and per currency, in minor units while counting: a currency is never
 * added to another, and each sum is exact.
 */
export class Tally {
	private readonly totals = new Map<OutputKey, Map<string, CurrencyTotals>>();

	private readonly items = new Map<OutputKey, number>();

	private readonly reasons = new Map<OutputKey, Map<string, number>>();

	constructor() {
		for (const { key } of OUTPUTS) {
			this.totals.set(key, new Map());
			this.items.set(key, 0);
			this.reasons.set(key, new Map());
		}
	}

	private of(output: OutputKey, currency: string, digits: number): CurrencyTotals {
		const byCurrency = this.totals.get(output) as Map<string, CurrencyTotals>;
		let totals = byCurrency.get(currency);
		if (!totals) {
			totals = { orders: 0, shopAmount: 0, transactions: 0, awinAmount: 0, digits };
			byCurrency.set(currency, totals);
		}
		return totals;
	}

	item(output: OutputKey, reason: string): void {
		this.items.set(output, (this.items.get(output) as number) + 1);
		const reasons = this.reasons.get(output) as Map<string, number>;
		reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
	}

	order(output: OutputKey, currency: string, digits: number, amount: number): void {
		const totals = this.of(output, currency, digits);
		totals.orders++;
		totals.shopAmount += amount;
	}

	transaction(output: OutputKey, currency: string, digits: number, amount: number): void {
		const totals = this.of(output, currency, digits);
		totals.transactions++;
		totals.awinAmount += amount;
	}

	/** The Summary item's `outputs`: per output its items, reasons and per-currency totals. */
	report(): IDataObject {
		const report: IDataObject = {};
		for (const { key } of OUTPUTS) {
			if (key === 'summary') continue;
			const currencies: IDataObject = {};
			const byCurrency = [...(this.totals.get(key) as Map<string, CurrencyTotals>)].sort(byName);
			for (const [currency, t] of byCurrency) {
				currencies[currency] = {
					orders: t.orders,
					shopAmount: fromMinor(t.shopAmount, t.digits),
					transactions: t.transactions,
					awinAmount: fromMinor(t.awinAmount, t.digits),
				};
			}
			report[key] = {
				items: this.items.get(key),
				reasons: Object.fromEntries([...(this.reasons.get(key) as Map<string, number>)].sort(byName)),
				currencies,
			};
		}
		return report;
	}
}

export interface ReadFacts {
	advertiserId: string;
	timezone: string;
	windows: Array<{ start: string; end: string }>;
	orders: number;
	transactions: number;
}

/** The Summary output's item: what was read, and the counts and sums of every other output. */
export function summaryJson(tally: Tally, facts: ReadFacts): IDataObject {
	const { windows } = facts;
	return {
		outcome: 'summary',
		advertiserId: facts.advertiserId,
		timezone: facts.timezone,
		readFrom: windows[0]?.start ?? null,
		readTo: windows[windows.length - 1]?.end ?? null,
		awinCalls: windows.length,
		orders: facts.orders,
		transactions: facts.transactions,
		outputs: tally.report(),
	};
}

import type { IDataObject } from 'n8n-workflow';

import { DECISION_LIST } from './decisions';
import type { Decision } from './decisions';
import { fromMinor } from './money';
import { OUTPUTS } from './types';

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
	private readonly totals = OUTPUTS.map(() => new Map<string, CurrencyTotals>());

	/** Items per decision, by its id. */
	private readonly items = new Array<number>(DECISION_LIST.length).fill(0);

	private of(output: number, currency: string, digits: number): CurrencyTotals {
		const byCurrency = this.totals[output];
		let totals = byCurrency.get(currency);
		if (!totals) {
			totals = { orders: 0, shopAmount: 0, transactions: 0, awinAmount: 0, digits };
			byCurrency.set(currency, totals);
		}
		return totals;
	}

	item(decision: Decision): void {
		this.items[decision.id]++;
	}

	order(output: number, currency: string, digits: number, amount: number): void {
		const totals = this.of(output, currency, digits);
		totals.orders++;
		totals.shopAmount += amount;
	}

	transaction(output: number, currency: string, digits: number, amount: number): void {
		const totals = this.of(output, currency, digits);
		totals.transactions++;
		totals.awinAmount += amount;
	}

	/** The Summary item's `outputs`: per output its items, reasons and per-currency totals. */
	report(): IDataObject {
		const report: IDataObject = {};
		OUTPUTS.forEach(({ key }, output) => {
			if (key === 'summary') return;
			const currencies: IDataObject = {};
			for (const [currency, t] of [...this.totals[output]].sort(byName)) {
				currencies[currency] = {
					orders: t.orders,
					shopAmount: fromMinor(t.shopAmount, t.digits),
					transactions: t.transactions,
					awinAmount: fromMinor(t.awinAmount, t.digits),
				};
			}
			const reasons: Array<[string, number]> = [];
			let items = 0;
			for (const decision of DECISION_LIST) {
				const count = this.items[decision.id];
				if (decision.index !== output || count === 0) continue;
				reasons.push([decision.reason, count]);
				items += count;
			}
			report[key] = { items, reasons: Object.fromEntries(reasons.sort(byName)), currencies };
		});
		return report;
	}
}

interface ReadFacts {
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

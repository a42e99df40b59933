import type { IDataObject } from 'n8n-workflow';

import { minorDigits, toMinor } from './money';
import { referenceKey } from './references';
import type { ReferenceRule } from './references';
import { AwinSales } from './types';

/**
 * Awin's transactions as the matching reads them. A transaction whose sale amount cannot be read
 * stops the run: a reconciliation that left it out would report wrong sums.
 */
export function readSales(rows: IDataObject[], rule: ReferenceRule): AwinSales {
	const sales = new AwinSales(rows);
	for (let s = 0; s < rows.length; s++) {
		const row = rows[s];
		const sale = row.saleAmount as { amount?: unknown; currency?: unknown } | null | undefined;
		const currency = typeof sale?.currency === 'string' ? sale.currency.toUpperCase() : '';
		const digits = minorDigits(currency);
		const amount = currency ? toMinor(sale?.amount, digits) : undefined;
		if (amount === undefined) {
			throw new Error(
				`Awin's transaction ${String(row.id)} has no readable sale amount ` +
					`(${JSON.stringify(sale)}); nothing was reconciled`,
			);
		}
		const orderRef = row.orderRef;
		const reference =
			typeof orderRef === 'string' || typeof orderRef === 'number' ? String(orderRef).trim() : '';
		sales.id[s] = row.id as number | string;
		sales.reference[s] = reference;
		sales.key[s] = reference ? referenceKey(reference, rule) : '';
		sales.status[s] = String(row.commissionStatus ?? '');
		sales.currency[s] = currency;
		sales.digits[s] = digits;
		sales.amount[s] = amount;
		sales.date[s] = String(row.transactionDate ?? '');
	}
	return sales;
}

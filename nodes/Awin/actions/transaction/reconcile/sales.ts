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
		sales.id.push(row.id as number | string);
		sales.reference.push(reference);
		sales.key.push(reference ? referenceKey(reference, rule) : '');
		sales.status.push(String(row.commissionStatus ?? ''));
		sales.currency.push(currency);
		sales.digits[s] = digits;
		sales.amount[s] = amount;
		sales.date.push(String(row.transactionDate ?? ''));
	}
	return sales;
}

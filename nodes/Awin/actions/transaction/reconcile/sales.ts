import type { IDataObject } from 'n8n-workflow';

import { minorDigits, toMinor } from './money';
import { referenceKey } from './references';
import type { ReferenceRule } from './references';
import type { AwinSale } from './types';

/**
 * Awin's transactions as the matching reads them. A transaction whose sale amount cannot be read
 * stops the run: a reconciliation that left it out would report wrong sums.
 */
export function readSales(rows: IDataObject[], rule: ReferenceRule): AwinSale[] {
	const sales: AwinSale[] = new Array(rows.length);
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
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
		sales[i] = {
			id: row.id as number | string,
			reference,
			key: reference ? referenceKey(reference, rule) : '',
			status: String(row.commissionStatus ?? ''),
			currency,
			digits,
			amount,
			date: String(row.transactionDate ?? ''),
			row,
			pairedOrder: undefined,
		};
	}
	return sales;
}

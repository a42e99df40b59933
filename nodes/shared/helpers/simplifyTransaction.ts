import type { IDataObject } from 'n8n-workflow';

/**
 * The columns of a simplified transaction, in this order, on every row: a sheet or a table gets
 * the same header whatever each transaction carries. Awin's nested values become flat ones:
 * amounts and currencies apart, click refs as clickRef..clickRef6, lists as JSON text.
 */
const SIMPLE_COLUMNS = [
	'id',
	'transactionDate',
	'commissionStatus',
	'advertiserId',
	'publisherId',
	'siteName',
	'orderRef',
	'saleAmount',
	'saleCurrency',
	'commissionAmount',
	'commissionCurrency',
	'clickRef',
	'clickRef2',
	'clickRef3',
	'clickRef4',
	'clickRef5',
	'clickRef6',
	'clickDate',
	'validationDate',
	'type',
	'declineReason',
	'voucherCode',
	'amended',
	'amendReason',
	'oldSaleAmount',
	'oldCommissionAmount',
	'paidToPublisher',
	'customerCountry',
	'clickDevice',
	'transactionDevice',
	'commissionGroups',
	'transactionParts',
	'customParameters',
	'basketProducts',
	// Reconciliation needs these whenever Awin sends them.
	'networkFee',
	'networkFeeCurrency',
	'advertiserCost',
	'advertiserCostCurrency',
	'customerAcquisition',
	'campaign',
	'paymentId',
	'lapseTime',
	'url',
	'trackedParts',
] as const;

type Money = { amount?: unknown; currency?: unknown } | null | undefined;

/** Awin sends money as {amount, currency}; a bare number is kept as it is. */
const amountOf = (value: unknown) =>
	(value !== null && typeof value === 'object'
		? ((value as Money)?.amount ?? null)
		: (value ?? null)) as IDataObject[string];
const currencyOf = (value: unknown) => ((value as Money)?.currency ?? null) as IDataObject[string];
const jsonOrNull = (value: unknown) =>
	Array.isArray(value)
		? value.length > 0
			? JSON.stringify(value)
			: null
		: value
			? JSON.stringify(value)
			: null;

/** One transaction as flat columns (SIMPLE_COLUMNS); anything missing is null. */
export function simplifyTransaction(transaction: IDataObject): IDataObject {
	const clickRefs = (transaction.clickRefs ?? {}) as IDataObject;
	const parts = Array.isArray(transaction.transactionParts)
		? (transaction.transactionParts as IDataObject[])
		: [];
	const derived: IDataObject = {
		saleAmount: amountOf(transaction.saleAmount),
		saleCurrency: currencyOf(transaction.saleAmount),
		commissionAmount: amountOf(transaction.commissionAmount),
		commissionCurrency: currencyOf(transaction.commissionAmount),
		clickRef: clickRefs.clickRef ?? null,
		oldSaleAmount: amountOf(transaction.oldSaleAmount),
		oldCommissionAmount: amountOf(transaction.oldCommissionAmount),
		commissionGroups: parts.length > 0 ? parts.map((p) => p.commissionGroupCode).join(', ') : null,
		transactionParts: jsonOrNull(transaction.transactionParts),
		customParameters: jsonOrNull(transaction.customParameters),
		basketProducts: jsonOrNull(transaction.basketProducts),
		networkFee: amountOf(transaction.networkFee),
		networkFeeCurrency: currencyOf(transaction.networkFee),
		advertiserCost: amountOf(transaction.advertiserCost),
		advertiserCostCurrency: currencyOf(transaction.advertiserCost),
		trackedParts: jsonOrNull(transaction.trackedParts),
	};
	for (let n = 2; n <= 6; n++) derived[`clickRef${n}`] = clickRefs[`clickRef${n}`] ?? null;

	const row: IDataObject = {};
	for (const column of SIMPLE_COLUMNS) {
		row[column] =
			column in derived ? derived[column] : ((transaction[column] ?? null) as IDataObject[string]);
	}
	return row;
}

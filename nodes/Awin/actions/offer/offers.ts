import type { IDataObject } from 'n8n-workflow';

import { MAX_PER_CALL } from '../../../shared/limits';
import type { AwinClient } from '../../../shared/transport';
import { objectWithList } from '../../../shared/transport';

interface OffersPage {
	data?: IDataObject[];
	pagination?: IDataObject;
}

/**
 * Whether a page of offers is the last. Awin documents the pagination object of the answer but
 * not its field names, so every reading of it is here: a short page ends the list, and so do the
 * usual "total", "total pages" or "last page" fields when Awin sends them.
 */
function isLastPage(
	pagination: IDataObject | undefined,
	page: number,
	pageSize: number,
	rowsOnPage: number,
): boolean {
	if (rowsOnPage < pageSize) return true;
	const p = pagination ?? {};
	const total = firstNumber(p, [
		'total',
		'totalCount',
		'totalResults',
		'totalItems',
		'totalElements',
	]);
	if (total !== undefined && page * pageSize >= total) return true;
	const totalPages = firstNumber(p, ['totalPages', 'pageCount', 'pages']);
	if (totalPages !== undefined && page >= totalPages) return true;
	if (p.isLastPage === true || p.last === true || p.hasNext === false || p.hasNextPage === false)
		return true;
	return false;
}

function firstNumber(object: IDataObject, names: string[]): number | undefined {
	for (const name of names) {
		const value = object[name];
		if (typeof value === 'number' && Number.isFinite(value)) return value;
	}
	return undefined;
}

/**
 * Reads offers page by page until the last page, or until `max` offers when given. Pages are as
 * large as Awin takes (MAX_PER_CALL.offersPerPage), or `max` when smaller: N offers cost
 * ceil(N / page size) calls.
 */
export async function fetchOffers(
	client: AwinClient,
	publisherId: string,
	filters: IDataObject,
	max: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const pageSize = Math.min(max ?? Infinity, MAX_PER_CALL.offersPerPage);
	const offers: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const { body } = await client.request<OffersPage>({
			method: 'POST',
			// Singular "publisher" in this path, as Awin documents it.
			path: `/publisher/${publisherId}/promotions`,
			body: { filters, pagination: { page, pageSize } },
			// A read, though it is a POST.
			idempotent: true,
			expect: objectWithList('data'),
			itemIndex,
		});
		const rows = Array.isArray(body?.data) ? body.data : [];
		offers.push(...rows);
		if (max !== undefined && offers.length >= max) return offers.slice(0, max);
		if (isLastPage(body?.pagination, page, pageSize, rows.length)) return offers;
	}
}

/**
 * Awin's Public API lists of partnerships (GET /public/v1/advertisers/{id}/publishers and
 * /public/v1/publishers/{id}/advertisers): paged with limit and offset, read to the end or to a
 * limit. Partnership > Get Many and the Awin Partnership Trigger read them here.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PUBLIC_API } from '../limits';
import type { Account } from '../params';
import type { AwinClient } from '../transport';
import { listOrObjectWithList } from '../transport';
import { rowsOf } from './reads';

/** The most rows Awin can page to: the last page of `maxLimit` starts at `maxOffset`. */
export const MOST_ROWS = PUBLIC_API.maxOffset + PUBLIC_API.maxLimit;

/** The list of an account's partners: an advertiser's publishers, a publisher's advertisers. */
export function partnershipsPath(account: Account): string {
	return `${PUBLIC_API.prefix}/v1${account.path}/${account.side === 'advertiser' ? 'publishers' : 'advertisers'}`;
}

/** A Public API list paged with limit and offset: its largest page, and what its rows are. */
export interface PublicPages {
	size: number;
	what: string;
	/** How to read fewer rows at a time, told when a list is longer than Awin pages to. */
	narrow: string;
}

const PARTNERSHIP_PAGES: PublicPages = {
	size: PUBLIC_API.maxLimit,
	what: 'partnerships',
	narrow: 'Choose one or a few Partnership Statuses to read fewer at a time.',
};

/** Pages through one list to `limit` rows (all when undefined), a page as large as allowed, to Awin's offset cap. */
export async function fetchPartnerships(
	client: AwinClient,
	path: string,
	qs: IDataObject,
	limit: number | undefined,
	itemIndex: number,
	node: INode,
	pages: PublicPages = PARTNERSHIP_PAGES,
): Promise<IDataObject[]> {
	const mostRows = PUBLIC_API.maxOffset + pages.size;
	const rows: IDataObject[] = [];
	for (let offset = 0; ;) {
		const pageSize = Math.min(pages.size, (limit ?? mostRows) - rows.length);
		if (offset > PUBLIC_API.maxOffset) {
			// Awin stops paging there: a partial list would look complete.
			throw new NodeOperationError(
				node,
				`More than ${mostRows} ${pages.what} match: Awin's list stops after that many`,
				{
					itemIndex,
					description: `Nothing was returned, so no rows are missing silently. ${pages.narrow}`,
				},
			);
		}
		const { body } = await client.request({
			method: 'GET',
			path,
			qs: { ...qs, limit: pageSize, offset },
			idempotent: true,
			expect: listOrObjectWithList('data'),
			itemIndex,
			context: `rows ${offset + 1} to ${offset + pageSize}`,
		});
		const page = Array.isArray(body) ? (body as IDataObject[]) : rowsOf((body as IDataObject).data);
		rows.push(...page);
		if (page.length < pageSize || (limit !== undefined && rows.length >= limit)) return rows;
		offset += page.length;
	}
}

/** Parameters several partnership operations share, and their readers. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { accountLocator } from '../../../shared/descriptions';
import { PUBLIC_API } from '../../../shared/limits';
import { readAccountId, readAwinId } from '../../../shared/params';

/** Path of the Public API's partnership endpoints, below the credential's Base URL. */
const PARTNERSHIPS_V1 = `${PUBLIC_API.prefix}/v1`;

/** The publisher an advertiser acts on (approve, reject, tags). */
export const partnerPublisherField: INodeProperties = {
	displayName: 'Publisher ID',
	name: 'partnerPublisherId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 45678',
	description:
		"The Awin ID (a number) of the publisher whose partnership this is, e.g. the publisher's ID from Get Many",
};

/** The advertiser a publisher acts on (accept, decline). */
export const partnerAdvertiserField: INodeProperties = {
	displayName: 'Advertiser ID',
	name: 'partnerAdvertiserId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 1001',
	description:
		"The Awin ID (a number) of the advertiser whose invitation this is, e.g. the advertiser's ID from Get Many",
};

export const advertiserAccount = accountLocator('advertiserId', {
	description:
		"Your Awin advertiser account (its ID is shown in brackets in Awin's account switcher)",
});

export const publisherAccount = accountLocator('publisherId', {
	description:
		"Your Awin publisher account (its ID is shown in brackets in Awin's account switcher)",
});

export type Side = 'advertiser' | 'publisher';

/** Where one write goes, for outputs and for a 403 that must name the account. */
export interface PartnershipRef {
	side: Side;
	/** The caller's own account. */
	accountId: string;
	advertiserId: string;
	publisherId: string;
}

export function partnershipPath(ref: PartnershipRef, action: string): string {
	return ref.side === 'advertiser'
		? `${PARTNERSHIPS_V1}/advertisers/${ref.advertiserId}/publishers/${ref.publisherId}/${action}`
		: `${PARTNERSHIPS_V1}/publishers/${ref.publisherId}/advertisers/${ref.advertiserId}/${action}`;
}

/** Output fields naming the partnership an item was about. */
export const refJson = (ref: PartnershipRef) => ({
	advertiserId: ref.advertiserId,
	publisherId: ref.publisherId,
});

/** The partnership an item writes to: the caller's account and the partner's ID, both checked. */
export function readRef(ctx: IExecuteFunctions, itemIndex: number, side: Side): PartnershipRef {
	if (side === 'advertiser') {
		const advertiserId = readAccountId(ctx, 'advertiserId', itemIndex);
		const publisherId = String(readAwinId(ctx, 'partnerPublisherId', 'Publisher ID', itemIndex));
		return { side, accountId: advertiserId, advertiserId, publisherId };
	}
	const publisherId = readAccountId(ctx, 'publisherId', itemIndex);
	const advertiserId = String(readAwinId(ctx, 'partnerAdvertiserId', 'Advertiser ID', itemIndex));
	return { side, accountId: publisherId, advertiserId, publisherId };
}

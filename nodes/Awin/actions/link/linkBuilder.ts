import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { WEB_ADDRESS } from '../../../shared/params';
import { describeBody } from '../../../shared/transport';

/** The click parameters Awin's Link Builder accepts, in the order the node shows them. */
const CLICK_PARAMETERS = [
	'campaign',
	'clickref',
	'clickref2',
	'clickref3',
	'clickref4',
	'clickref5',
	'clickref6',
];

/** One link request as Awin's Link Builder takes it (the batch's `requests[]` element). */
export const linkRequestSchema = z.object({
	advertiserId: z
		.number({ invalid_type_error: 'must be an Awin advertiser ID (a number)' })
		.int('must be a whole number')
		.positive('must be an Awin advertiser ID above 0'),
	destinationUrl: z
		.string()
		.regex(WEB_ADDRESS, 'must be a web address starting with http:// or https://')
		.optional(),
	parameters: z.record(z.string()).optional(),
});

export type LinkRequest = z.infer<typeof linkRequestSchema>;

/** One element of generate-batch's `responses[]`. */
export interface BatchLinkResponse {
	status?: number;
	body?: IDataObject;
	request?: IDataObject;
}

/** Builds the request from the item's fields; numbers typed as text (expressions) are read as numbers. */
export function buildLinkRequest(
	advertiserId: unknown,
	destinationUrl: unknown,
	clickParameters: IDataObject,
): unknown {
	const parameters: IDataObject = {};
	for (const name of CLICK_PARAMETERS) {
		const value = clickParameters[name];
		if (value !== undefined && value !== null && String(value) !== '')
			parameters[name] = String(value);
	}
	const url = String(destinationUrl ?? '').trim();
	return {
		advertiserId:
			typeof advertiserId === 'string' && /^\s*\d+\s*$/.test(advertiserId)
				? Number(advertiserId)
				: advertiserId,
		...(url ? { destinationUrl: url } : {}),
		...(Object.keys(parameters).length > 0 ? { parameters } : {}),
	};
}

/** The same request in a form that ignores key order and empty values, to find echoed requests. */
function requestKey(request: IDataObject): string {
	const parameters = Object.entries((request.parameters ?? {}) as IDataObject)
		.filter(([, value]) => value !== undefined && value !== null && value !== '')
		.map(([name, value]) => [name, String(value)])
		.sort(([a], [b]) => a.localeCompare(b));
	return JSON.stringify([Number(request.advertiserId), request.destinationUrl || '', parameters]);
}

/**
 * Pairs each sent request with its answer. Awin echoes each request in its answer "to aid in
 * correlating" and does not promise the order, so the echo decides; an answer without a usable
 * echo falls back to its position. Requests left without an answer get `undefined`.
 */
export function matchBatchResponses(
	sent: LinkRequest[],
	responses: BatchLinkResponse[],
): Array<BatchLinkResponse | undefined> {
	const matched: Array<BatchLinkResponse | undefined> = new Array(sent.length).fill(undefined);
	const open = new Map<string, number[]>();
	sent.forEach((request, index) => {
		const key = requestKey(request as IDataObject);
		open.set(key, [...(open.get(key) ?? []), index]);
	});
	const unechoed: number[] = [];
	responses.forEach((response, position) => {
		const index = response.request ? open.get(requestKey(response.request))?.shift() : undefined;
		if (index === undefined) unechoed.push(position);
		else matched[index] = response;
	});
	for (const position of unechoed) {
		if (position < sent.length && matched[position] === undefined)
			matched[position] = responses[position];
	}
	return matched;
}

/** Why one link failed, in words a user can act on. */
export function linkFailure(
	advertiserId: number,
	status: number | undefined,
	body: unknown,
): { message: string; description: string } {
	const details = describeBody(body);
	const hints: string[] = [];
	if (/deeplinkNotPermitted/i.test(details)) {
		hints.push(
			'This advertiser does not allow deep links: leave Destination URL empty to link to its default landing page.',
		);
	}
	if (status === 403)
		hints.push(
			`Check that your publisher account has joined advertiser ${advertiserId}'s programme.`,
		);
	return {
		message: `Awin could not build a link for advertiser ${advertiserId}${status ? ` (${status})` : ''}`,
		description: [details, ...hints].filter(Boolean).join(' '),
	};
}

/** A publisher's partnership tags: reading them, and the names a user gives, checked. */
import type { IDataObject, INode } from 'n8n-workflow';

import { PUBLIC_API } from '../../../shared/limits';
import { refuse } from '../../../shared/params';
import type { AwinClient } from '../../../shared/transport';
import { listOrObjectWithList } from '../../../shared/transport';
import type { PartnershipRef } from './fields';
import { partnershipPath } from './fields';

/** Awin answers the tags as `{ partnershipTags: [{ name }] }` (a bare list is read too). */
export const tagsAnswer = listOrObjectWithList('partnershipTags');

export function tagNamesOf(body: unknown): string[] {
	const list = Array.isArray(body)
		? body
		: (((body as IDataObject | undefined)?.partnershipTags as unknown[] | undefined) ?? []);
	return list
		.map((tag) => (tag as IDataObject).name)
		.filter((name): name is string => typeof name === 'string');
}

export async function readTags(
	client: AwinClient,
	ref: PartnershipRef,
	itemIndex: number,
): Promise<string[]> {
	const { body } = await client.request({
		method: 'GET',
		path: partnershipPath(ref, 'partnership-tags'),
		idempotent: true,
		expect: tagsAnswer,
		itemIndex,
	});
	return tagNamesOf(body);
}

/** Tag names from a comma-separated text or a list: trimmed, each 1 to 55 characters, no repeats. */
export function checkTagNames(node: INode, itemIndex: number, raw: unknown): string[] {
	const names = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((name) => String(name).trim())
		.filter(Boolean);
	const tooLong = names.find((name) => name.length > PUBLIC_API.maxTagName);
	if (tooLong !== undefined)
		throw refuse(
			node,
			itemIndex,
			'Tag Names',
			tooLong,
			`must each be 1 to ${PUBLIC_API.maxTagName} characters`,
		);
	const repeated = names.find((name, n) => names.indexOf(name) !== n);
	if (repeated !== undefined)
		throw refuse(node, itemIndex, 'Tag Names', raw, `repeats "${repeated}"; name each tag once`);
	if (names.length > PUBLIC_API.maxTags)
		throw refuse(
			node,
			itemIndex,
			'Tag Names',
			raw,
			`must name at most ${PUBLIC_API.maxTags} tags (${names.length} given)`,
		);
	return names;
}

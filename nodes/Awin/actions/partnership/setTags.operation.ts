import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { PUBLIC_API } from '../../../shared/limits';
import { nodeParameter, readOption } from '../../../shared/params';
import type { AwinOperation } from '../types';
import { advertiserAccount, partnerPublisherField, partnershipPath, readRef } from './fields';
import { checkTagNames, readTags, tagNamesOf, tagsAnswer } from './tags';
import { runWrites } from './writes';

const MODES = ['add', 'remove', 'replace'] as const;

const properties: INodeProperties[] = [
	advertiserAccount,
	partnerPublisherField,
	{
		displayName: 'Mode',
		name: 'tagMode',
		type: 'options',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: "Add these tags and keep the publisher's others (reads them first)",
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Take these tags off and keep the others (reads them first)',
			},
			{
				name: 'Replace',
				value: 'replace',
				description: 'The publisher gets exactly these tags; all others are taken off',
			},
		],
		default: 'add',
	},
	{
		displayName: 'Tag Names',
		name: 'tagNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. vip, summer-sale',
		description:
			'Tag names separated by commas, each up to 55 characters, at most 1000. A name Awin does not know yet creates that tag on your account.',
	},
	requestOptionsCollection,
];

export const setTags: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['partnership'], operation: ['setTags'] } },
		properties,
	),

	async execute(items) {
		return await runWrites(this, items, {
			doing: 'changing partnership tags',
			role: 'Full Access',
			done: 'updated',
			plan: (itemIndex) => {
				const ref = readRef(this, itemIndex, 'advertiser');
				const mode = readOption(this, 'tagMode', 'Mode', MODES, itemIndex, 'add');
				const names = checkTagNames(
					this.getNode(),
					itemIndex,
					nodeParameter(this, 'tagNames', itemIndex, ''),
				);
				return {
					ref,
					json: { mode },
					send: async (client, i) => {
						let wanted = names;
						if (mode !== 'replace') {
							// Add and Remove start from the current set, so no tag is wiped by accident.
							const current = await readTags(client, ref, i);
							wanted =
								mode === 'add'
									? [...current, ...names.filter((n) => !current.includes(n))]
									: current.filter((n) => !names.includes(n));
						}
						if (wanted.length > PUBLIC_API.maxTags) {
							throw new NodeOperationError(
								this.getNode(),
								`Item ${i}: the publisher would carry ${wanted.length} tags; Awin allows at most ${PUBLIC_API.maxTags}`,
								{
									itemIndex: i,
									description: 'Nothing was changed. Remove some tags first, or use Replace.',
								},
							);
						}
						return await client.request({
							method: 'PUT',
							path: partnershipPath(ref, 'partnership-tags'),
							body: { partnershipTags: wanted.map((name) => ({ name })) },
							// "Repeating a call with the same body leaves the same result".
							idempotent: true,
							expect: tagsAnswer,
							itemIndex: i,
						});
					},
				};
			},
			present: (body) => ({ tags: tagNamesOf(body) }),
		});
	},
};

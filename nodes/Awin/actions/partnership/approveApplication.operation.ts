import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { PUBLIC_API } from '../../../shared/limits';
import { nodeParameter, refuse } from '../../../shared/params';
import { anObject } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { advertiserAccount, partnerPublisherField, partnershipPath, readRef } from './fields';
import { runWrites } from './writes';

const { min, max } = PUBLIC_API.message;

const properties: INodeProperties[] = [
	advertiserAccount,
	partnerPublisherField,
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		placeholder: 'e.g. Welcome to our programme! Our best sellers are ...',
		description:
			'Awin emails this text to the publisher with the approval: 3 to 1000 characters (spaces at the ends do not count), no HTML',
	},
	requestOptionsCollection,
];

/** Awin refuses a message that "contains HTML": any tag. */
const HTML_TAG = /<\/?[a-z!][^>]*>/i;

export const approveApplication: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['partnership'], operation: ['approveApplication'] } },
		properties,
	),

	async execute(items) {
		return await runWrites(this, items, {
			doing: 'approving an application',
			role: 'Full Access',
			done: 'approved',
			plan: (itemIndex) => {
				const ref = readRef(this, itemIndex, 'advertiser');
				const raw = nodeParameter(this, 'message', itemIndex, '');
				const message = typeof raw === 'string' ? raw.trim() : '';
				if (message.length < min || message.length > max) {
					throw refuse(
						this.getNode(),
						itemIndex,
						'Message',
						raw,
						`must be ${min} to ${max} characters after trimming`,
					);
				}
				if (HTML_TAG.test(message))
					throw refuse(this.getNode(), itemIndex, 'Message', raw, 'must not contain HTML');
				return {
					ref,
					send: async (client, i) =>
						await client.request({
							method: 'POST',
							path: partnershipPath(ref, 'approve-application'),
							body: { message },
							// Awin: "Repeating a successful call is safe: the second call returns 409 and sends no email".
							idempotent: true,
							acceptStatus: [409],
							expect: anObject,
							itemIndex: i,
						}),
				};
			},
		});
	},
};

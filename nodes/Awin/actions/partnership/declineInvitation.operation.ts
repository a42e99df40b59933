import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import type { AwinOperation } from '../types';
import { partnerAdvertiserField, partnershipPath, publisherAccount, readRef } from './fields';
import { runWrites } from './writes';

const properties: INodeProperties[] = [
	publisherAccount,
	partnerAdvertiserField,
	requestOptionsCollection,
];

export const declineInvitation: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['partnership'], operation: ['declineInvitation'] } },
		properties,
	),

	async execute(items) {
		return await runWrites(this, items, {
			doing: 'declining an invitation',
			role: 'Full Access',
			done: 'declined',
			plan: (itemIndex) => {
				const ref = readRef(this, itemIndex, 'publisher');
				return {
					ref,
					// Awin: "The request has no body."; a repeat answers 409.
					send: async (client, i) =>
						await client.request({
							method: 'POST',
							path: partnershipPath(ref, 'decline-invitation'),
							idempotent: true,
							acceptStatus: [409],
							itemIndex: i,
						}),
				};
			},
		});
	},
};

import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { nodeParameter, refuse } from '../../../shared/params';
import { anObject } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { partnerAdvertiserField, partnershipPath, publisherAccount, readRef } from './fields';
import { runWrites } from './writes';

const properties: INodeProperties[] = [
	publisherAccount,
	partnerAdvertiserField,
	{
		displayName: 'I Accept the Terms and Conditions',
		name: 'termsAccepted',
		type: 'boolean',
		default: false,
		description:
			"Whether you accept the advertiser's programme terms and conditions. Awin requires it to accept an invitation; read them in Awin (or with Programme Terms) first.",
	},
	requestOptionsCollection,
];

export const acceptInvitation: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['partnership'], operation: ['acceptInvitation'] } },
		properties,
	),

	async execute(items) {
		return await runWrites(this, items, {
			doing: 'accepting an invitation',
			role: 'Full Access',
			done: 'accepted',
			plan: (itemIndex) => {
				const ref = readRef(this, itemIndex, 'publisher');
				// Only a real switch turned on counts: an expression giving "true" as text does not.
				const accepted = nodeParameter(this, 'termsAccepted', itemIndex, false);
				if (accepted !== true) {
					throw refuse(
						this.getNode(),
						itemIndex,
						'I Accept the Terms and Conditions',
						accepted,
						"must be turned on: Awin accepts an invitation only with the programme's terms accepted",
					);
				}
				return {
					ref,
					send: async (client, i) =>
						await client.request({
							method: 'POST',
							path: partnershipPath(ref, 'accept-invitation'),
							body: { termsAndConditionsAccepted: true },
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

import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOptionsCollection } from '../../../shared/descriptions';
import { PUBLIC_API } from '../../../shared/limits';
import type { ParameterContext } from '../../../shared/params';
import { nodeParameter, readOption, refuse } from '../../../shared/params';
import { anObject } from '../../../shared/transport';
import type { AwinOperation } from '../types';
import { advertiserAccount, partnerPublisherField, partnershipPath, readRef } from './fields';
import { runWrites } from './writes';

const OTHER = 'OTHER_SPECIFY';

const properties: INodeProperties[] = [
	advertiserAccount,
	partnerPublisherField,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'options',
		options: [
			{
				name: "Code From Awin's List",
				value: 'code',
				description: 'One of the reason codes Awin lists for rejections',
			},
			{
				name: 'Other (Write the Reason)',
				value: OTHER,
				description: "Awin's OTHER_SPECIFY, with your own words",
			},
		],
		default: OTHER,
		description: 'Why the application is rejected. Awin emails the reason to the publisher.',
	},
	{
		displayName: 'Reason Code',
		name: 'reasonCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PROMOTION_TYPE_NOT_SUITABLE',
		displayOptions: { show: { reason: ['code'] } },
		description: "A reason code from Awin's list for rejections, in capitals and underscores",
	},
	{
		displayName: 'Other Reason',
		name: 'otherReason',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: { show: { reason: [OTHER] } },
		description: 'Your reason, emailed to the publisher: 1 to 1000 characters',
	},
	requestOptionsCollection,
];

/** The body Awin wants: `otherReason` only and always with OTHER_SPECIFY. */
function reasonBody(ctx: ParameterContext, itemIndex: number): IDataObject {
	const node = ctx.getNode();
	const choice = readOption(ctx, 'reason', 'Reason', ['code', OTHER], itemIndex, OTHER);
	if (choice === OTHER) {
		const raw = nodeParameter(ctx, 'otherReason', itemIndex, '');
		const text = typeof raw === 'string' ? raw.trim() : '';
		if (text.length < 1 || text.length > PUBLIC_API.otherReasonMax) {
			throw refuse(
				node,
				itemIndex,
				'Other Reason',
				raw,
				`must be 1 to ${PUBLIC_API.otherReasonMax} characters`,
			);
		}
		return { reason: OTHER, otherReason: text };
	}
	const raw = nodeParameter(ctx, 'reasonCode', itemIndex, '');
	const code = String(raw ?? '')
		.trim()
		.toUpperCase();
	if (!PUBLIC_API.rejectReasonPattern.test(code)) {
		throw refuse(
			node,
			itemIndex,
			'Reason Code',
			raw,
			"must be a code from Awin's list (capital letters, digits and _)",
		);
	}
	if (code === OTHER)
		throw refuse(
			node,
			itemIndex,
			'Reason Code',
			raw,
			'must not be OTHER_SPECIFY: choose "Other (Write the Reason)" as Reason instead',
		);
	return { reason: code };
}

export const rejectApplication: AwinOperation = {
	description: updateDisplayOptions(
		{ show: { resource: ['partnership'], operation: ['rejectApplication'] } },
		properties,
	),

	async execute(items) {
		return await runWrites(this, items, {
			doing: 'rejecting an application',
			role: 'Full Access',
			done: 'rejected',
			plan: (itemIndex) => {
				const ref = readRef(this, itemIndex, 'advertiser');
				const body = reasonBody(this, itemIndex);
				return {
					ref,
					send: async (client, i) =>
						await client.request({
							method: 'POST',
							path: partnershipPath(ref, 'reject-application'),
							body,
							// A repeat answers 409 and changes nothing.
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

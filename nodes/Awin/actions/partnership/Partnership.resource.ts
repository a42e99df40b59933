import type { INodeProperties } from 'n8n-workflow';

import type { AwinResource } from '../types';
import { acceptInvitation } from './acceptInvitation.operation';
import { approveApplication } from './approveApplication.operation';
import { declineInvitation } from './declineInvitation.operation';
import { getMany } from './getMany.operation';
import { getTags } from './getTags.operation';
import { rejectApplication } from './rejectApplication.operation';
import { setTags } from './setTags.operation';

/** Awin's Public API (v1): the advertiser's and the publisher's side of a partnership. */
const operationPicker: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['partnership'] } },
	options: [
		{
			name: 'Accept Invitation',
			value: 'acceptInvitation',
			description: "Publisher: accept an advertiser's invitation to its programme",
			action: 'Accept a partnership invitation',
		},
		{
			name: 'Approve Application',
			value: 'approveApplication',
			description:
				"Advertiser: approve a publisher's application, with a message Awin emails to it",
			action: 'Approve a partnership application',
		},
		{
			name: 'Decline Invitation',
			value: 'declineInvitation',
			description: "Publisher: decline an advertiser's invitation",
			action: 'Decline a partnership invitation',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description:
				'List partnerships by status: your publishers (advertiser) or your advertisers (publisher)',
			action: 'Get many partnerships',
		},
		{
			name: 'Get Tags',
			value: 'getTags',
			description: 'Advertiser: read the partnership tags of one publisher',
			action: 'Get the tags of a partnership',
		},
		{
			name: 'Reject Application',
			value: 'rejectApplication',
			description: "Advertiser: reject a publisher's application, with a reason Awin emails to it",
			action: 'Reject a partnership application',
		},
		{
			name: 'Set Tags',
			value: 'setTags',
			description: "Advertiser: add, remove or replace a publisher's partnership tags",
			action: 'Set the tags of a partnership',
		},
	],
	default: 'getMany',
};

export const partnership: AwinResource = {
	description: [
		operationPicker,
		...getMany.description,
		...approveApplication.description,
		...rejectApplication.description,
		...getTags.description,
		...setTags.description,
		...acceptInvitation.description,
		...declineInvitation.description,
	],
	operations: {
		getMany,
		approveApplication,
		rejectApplication,
		getTags,
		setTags,
		acceptInvitation,
		declineInvitation,
	},
};

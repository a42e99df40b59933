import type { INodeProperties } from 'n8n-workflow';

import { account } from './account/Account.resource';
import { commissionGroup } from './commissionGroup/CommissionGroup.resource';
import { link } from './link/Link.resource';
import { offer } from './offer/Offer.resource';
import { programme } from './programme/Programme.resource';
import { publisher } from './publisher/Publisher.resource';
import type { AwinResource } from './types';

/** Every resource of the Awin node; the picker's order is the order here. */
export const resources: Record<string, { name: string; resource: AwinResource }> = {
	account: { name: 'Account', resource: account },
	programme: { name: 'Programme', resource: programme },
	commissionGroup: { name: 'Commission Group', resource: commissionGroup },
	publisher: { name: 'Publisher', resource: publisher },
	link: { name: 'Link', resource: link },
	offer: { name: 'Offer', resource: offer },
};

export const resourcePicker: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(resources).map(([value, { name }]) => ({ name, value })),
	default: 'account',
};

import type { INodeProperties } from 'n8n-workflow';

import { account } from './account/Account.resource';
import { report } from './report/Report.resource';
import { transaction } from './transaction/Transaction.resource';
import type { AwinResource } from './types';

/** Every resource of the Awin node; the picker's order is the order here. */
export const resources: Record<string, { name: string; resource: AwinResource }> = {
	account: { name: 'Account', resource: account },
	transaction: { name: 'Transaction', resource: transaction },
	report: { name: 'Report', resource: report },
};

export const resourcePicker: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(resources).map(([value, { name }]) => ({ name, value })),
	default: 'account',
};

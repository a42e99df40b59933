import type { INodeProperties } from 'n8n-workflow';

import { account } from './account/Account.resource';
import { conversion } from './conversion/Conversion.resource';
import { proofOfPurchase } from './proofOfPurchase/ProofOfPurchase.resource';
import type { AwinResource } from './types';

/** Every resource of the Awin node; the picker's order is the order here. */
export const resources: Record<string, { name: string; resource: AwinResource }> = {
	account: { name: 'Account', resource: account },
	conversion: { name: 'Conversion', resource: conversion },
	proofOfPurchase: { name: 'Proof of Purchase', resource: proofOfPurchase },
};

export const resourcePicker: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(resources).map(([value, { name }]) => ({ name, value })),
	default: 'account',
};

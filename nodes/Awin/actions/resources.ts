import type { INodeProperties } from 'n8n-workflow';

import { account } from './account/Account.resource';
import { billing } from './billing/Billing.resource';
import { commissionGroup } from './commissionGroup/CommissionGroup.resource';
import { conversion } from './conversion/Conversion.resource';
import { link } from './link/Link.resource';
import { offer } from './offer/Offer.resource';
import { partnership } from './partnership/Partnership.resource';
import { programme } from './programme/Programme.resource';
import { programmeTerms } from './programmeTerms/ProgrammeTerms.resource';
import { proofOfPurchase } from './proofOfPurchase/ProofOfPurchase.resource';
import { publisher } from './publisher/Publisher.resource';
import { report } from './report/Report.resource';
import { transaction } from './transaction/Transaction.resource';
import { trackingLink } from './trackingLink/TrackingLink.resource';
import { transactionQuery } from './transactionQuery/TransactionQuery.resource';
import type { AwinResource } from './types';

/** Every resource of the Awin node, alphabetical as n8n lists options; the picker follows this order. */
export const resources: Record<string, { name: string; resource: AwinResource }> = {
	account: { name: 'Account', resource: account },
	billing: { name: 'Billing', resource: billing },
	commissionGroup: { name: 'Commission Group', resource: commissionGroup },
	conversion: { name: 'Conversion', resource: conversion },
	link: { name: 'Link', resource: link },
	offer: { name: 'Offer', resource: offer },
	partnership: { name: 'Partnership', resource: partnership },
	programme: { name: 'Programme', resource: programme },
	programmeTerms: { name: 'Programme Terms', resource: programmeTerms },
	proofOfPurchase: { name: 'Proof of Purchase', resource: proofOfPurchase },
	publisher: { name: 'Publisher', resource: publisher },
	report: { name: 'Report', resource: report },
	trackingLink: { name: 'Tracking Link', resource: trackingLink },
	transaction: { name: 'Transaction', resource: transaction },
	transactionQuery: { name: 'Transaction Query', resource: transactionQuery },
};

export const resourcePicker: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: Object.entries(resources).map(([value, { name }]) => ({ name, value })),
	default: 'account',
};

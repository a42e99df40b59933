import type { RouteFactory } from '../server.ts';
import { accountRoutes } from './accounts.ts';
import { billingRoutes } from './billing.ts';
import { orderRoutes } from './orders.ts';
import { partnershipRoutes } from './partnerships.ts';
import { publicLinksTermsRoutes } from './publicLinksTerms.ts';
import { publisherRoutes } from './publisher.ts';
import { reportRoutes } from './reports.ts';
import { transactionQueryRoutes } from './transactionQueries.ts';
import { transactionQueryV1Routes } from './transactionQueriesV1.ts';
import { transactionRoutes } from './transactions.ts';
import { validationRoutes } from './validation.ts';

/** Every endpoint the sandbox serves; each area adds its module here. */
export const allRoutes: RouteFactory[] = [
	accountRoutes,
	billingRoutes,
	orderRoutes,
	partnershipRoutes,
	publicLinksTermsRoutes,
	publisherRoutes,
	reportRoutes,
	transactionRoutes,
	transactionQueryRoutes,
	transactionQueryV1Routes,
	validationRoutes,
];

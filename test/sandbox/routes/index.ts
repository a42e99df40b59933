import type { RouteFactory } from '../server.ts';
import { accountRoutes } from './accounts.ts';
import { reportRoutes } from './reports.ts';
import { transactionRoutes } from './transactions.ts';

/** Every endpoint the sandbox serves; each area adds its module here. */
export const allRoutes: RouteFactory[] = [accountRoutes, transactionRoutes, reportRoutes];

import type { RouteFactory } from '../server.ts';
import { accountRoutes } from './accounts.ts';
import { orderRoutes } from './orders.ts';

/** Every endpoint the sandbox serves; each area adds its module here. */
export const allRoutes: RouteFactory[] = [accountRoutes, orderRoutes];

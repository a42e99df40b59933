import type { RouteFactory } from '../server.ts';
import { accountRoutes } from './accounts.ts';
import { credentialCheckRoutes } from './credentialCheck.ts';

/** Every endpoint the sandbox serves; each area adds its module here. */
export const allRoutes: RouteFactory[] = [
	accountRoutes,
	// Keep last: a fuller route for the same path, registered above, wins.
	credentialCheckRoutes,
];

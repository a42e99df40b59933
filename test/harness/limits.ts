/**
 * The limits module of the BUILT package, the very instance the nodes under test use, so a test
 * can shrink quota windows and waits with its configureAwinLimits().
 */
import path from 'node:path';

import { PACKAGE_ROOT } from './package.ts';

type Limits = typeof import('../../nodes/shared/limits');

export function builtLimits(): Limits {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(PACKAGE_ROOT, 'dist/nodes/shared/limits.js')) as Limits;
}

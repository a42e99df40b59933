/**
 * The limits of the BUILT package, the very module instances the nodes under test use: its
 * figures (builtLimits) and its one test seam (setLimitsForTests), which shrinks quota windows
 * and waits and forgets what the quotas remember.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import { PACKAGE_ROOT } from './package.ts';

type Limits = typeof import('../../nodes/shared/limits');
type Quota = typeof import('../../nodes/shared/transport/quota');

/** What the seam may set: quotas, retry waits, the Transactions Trigger's memory. */
export type LimitChanges = Parameters<Quota['setLimitsForTests']>[0];

// createRequire, not require: the benches load this file as an ES module, jest as CommonJS.
const requireBuilt = createRequire(path.join(PACKAGE_ROOT, 'package.json'));

function fromDist<T>(file: string): T {
	return requireBuilt(path.join(PACKAGE_ROOT, 'dist/nodes/shared', file)) as T;
}

export function builtLimits(): Limits {
	return fromDist<Limits>('limits.js');
}

/** The package's setLimitsForTests, on the instance the nodes under test use. */
export function setLimitsForTests(changes: LimitChanges): void {
	fromDist<Quota>('transport/quota.js').setLimitsForTests(changes);
}

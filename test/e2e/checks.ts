/**
 * The plain check runner of the real-n8n suites (e2e, warehouse, queue): one line per check and,
 * from counts, the closing "N passed, N failed, N skipped" line .ci/run sums.
 */
export const counts = { passed: 0, failed: 0, skipped: 0 };

export async function check(name: string, fn: () => Promise<void> | void): Promise<boolean> {
	const t0 = Date.now();
	try {
		await fn();
		counts.passed++;
		console.log(`  ok    ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		return true;
	} catch (error) {
		counts.failed++;
		console.log(
			`  FAIL  ${name}\n        ${String((error as Error).stack ?? error)
				.split('\n')
				.slice(0, 8)
				.join('\n        ')}`,
		);
		return false;
	}
}

export function skip(name: string, reason: string): void {
	counts.skipped++;
	console.log(`  skip  ${name}: ${reason}`);
}

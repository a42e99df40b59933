// Prints jest's totals as one plain line ("N passed, N failed, N skipped") for CI logs.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped } = results;
		const suitesFailed = results.numFailedTestSuites;
		if (suitesFailed > 0 && failed === 0) console.log(`${suitesFailed} test suites failed to run`);
		console.log(
			`\n${passed} passed, ${failed + (failed === 0 ? suitesFailed : 0)} failed, ${skipped} skipped`,
		);
	}
}
module.exports = SummaryReporter;

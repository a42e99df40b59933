// jest globalSetup: one temp folder for the run, made before the workers start. Each process makes
// its n8n user folder inside it (test/harness/env.ts); test/user-folder-teardown.cjs removes it all,
// so test runs leave nothing behind in the temp dir.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

module.exports = () => {
	process.env.AWIN_TEST_TMP = mkdtempSync(path.join(tmpdir(), 'awin-tests-'));
};

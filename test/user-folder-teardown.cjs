// jest globalTeardown: removes the run's temp folder (test/user-folder-setup.cjs).
const { rmSync } = require('node:fs');

module.exports = () => rmSync(process.env.AWIN_TEST_TMP, { recursive: true, force: true });

/** Tests run the built package (dist) inside n8n's engine; `npm test` builds first. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Type checking is `npm run typecheck`; jest only strips types, which keeps runs fast.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json', diagnostics: false }],
	},
	testTimeout: 60000,
	// Two cores on CI machines: keep workers bounded.
	maxWorkers: 2,
	reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
	globalSetup: '<rootDir>/test/user-folder-setup.cjs',
	globalTeardown: '<rootDir>/test/user-folder-teardown.cjs',
};

// Shared Jest settings for every project: TypeScript through ts-jest in transpile-only mode
// (type errors are the `typecheck` target's job, which keeps test runs fast). Workspace packages
// resolve through tsconfig.base.json's path aliases, so a freshly generated package works before
// `npm install` links it.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: `${__dirname}/tsconfig.base.json`, diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${__dirname}/` }),
  testMatch: ['<rootDir>/**/*.test.ts'],
  // End-to-end tests (*.e2e.test.ts) are the `e2e` target's, run by jest.e2e.config.js.
  testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
};

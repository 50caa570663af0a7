// The `e2e` target: the backbone generator run from the command line in a scratch workspace (minutes).
module.exports = {
  ...require('./jest.config.js'),
  displayName: 'tools-e2e',
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};

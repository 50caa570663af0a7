// The `e2e` target: the packed package installed and used in a scratch project outside the workspace (minutes).
module.exports = {
  ...require('./jest.config.js'),
  displayName: 'scaling-lab-e2e',
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};

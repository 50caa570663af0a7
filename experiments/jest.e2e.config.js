// The `e2e` target: whole sweeps and searches through the CLI and nx (real training processes, minutes).
module.exports = {
  ...require('./jest.config.js'),
  displayName: 'experiments-e2e',
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};

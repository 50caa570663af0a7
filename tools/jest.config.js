module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'tools',
  rootDir: __dirname,
  // The scaffold test loads generated sources from a temporary directory: resolve their npm imports here.
  modulePaths: [`${__dirname}/../node_modules`],
};

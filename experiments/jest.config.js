module.exports = { ...require('../jest.preset.js'), displayName: 'experiments', rootDir: __dirname };

module.exports = { ...require('../../jest.preset.js'), displayName: 'run-record', rootDir: __dirname };

module.exports = { ...require('../../jest.preset.js'), displayName: 'efficientnet', rootDir: __dirname };

module.exports = { ...require('../../jest.preset.js'), displayName: 'backbones', rootDir: __dirname };

module.exports = { ...require('../../jest.preset.js'), displayName: 'mobilenet-v2', rootDir: __dirname };

module.exports = { ...require('../../jest.preset.js'), displayName: 'mobilenet-v1', rootDir: __dirname };

module.exports = { ...require('../../jest.preset.js'), displayName: 'mobilenet-v3-small', rootDir: __dirname };

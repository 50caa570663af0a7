// Whole-net gradients on the cpu backend take seconds; on a shared 2-core machine they exceed jest's 5 s default.
module.exports = { ...require('../../jest.preset.js'), displayName: 'train', rootDir: __dirname, testTimeout: 30_000 };

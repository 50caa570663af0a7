module.exports = { ...require('../../jest.preset.js'), displayName: 'scaling-lab', rootDir: __dirname };

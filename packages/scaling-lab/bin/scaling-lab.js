#!/usr/bin/env node
// The `scaling-lab` command of the published package: the CLI bundled into dist/cli.js. In the source
// repository, where this package's build script sits beside bin/, the bundle is rebuilt first when a
// source changed (scripts/ is not published).
const fs = require('node:fs');
const path = require('node:path');

const build = path.join(__dirname, '..', 'scripts', 'build.js');
if (fs.existsSync(build)) require(build).buildIfStale();
if (process.env.SCALING_LAB_DEBUG) process.setSourceMapsEnabled(true);
require('../dist/cli.js').main(process.argv);

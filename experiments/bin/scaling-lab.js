#!/usr/bin/env node
// The `scaling-lab` command of this repository: the CLI's TypeScript sources bundled into one CommonJS file
// (experiments/dist/cli.js), rebuilt first whenever a source changed, so a start (and every training
// process a sweep spawns) runs plain JavaScript instead of compiling TypeScript.
const path = require('node:path');
const { freshBundleOrExit } = require('../../bundle');

if (process.env.SCALING_LAB_DEBUG) process.setSourceMapsEnabled(true);
const cli = freshBundleOrExit({
  entry: path.join(__dirname, '..', 'src', 'cli', 'main.ts'),
  outfile: path.join(__dirname, '..', 'dist', 'cli.js'),
});
require(cli).main(process.argv);

#!/usr/bin/env node
// The `scaling-lab` command. Runs the TypeScript sources directly: ts-node in transpile-only mode (types
// are checked by the `typecheck` targets) and tsconfig-paths so workspace packages resolve through the
// path aliases of tsconfig.base.json, including packages generated since the last `npm install`.
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const tsconfig = path.join(root, 'tsconfig.base.json');
require('ts-node').register({ transpileOnly: true, project: tsconfig, compilerOptions: { sourceMap: true } });
const { compilerOptions } = require(tsconfig);
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
require('../src/cli/main').main(process.argv);

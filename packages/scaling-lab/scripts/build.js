// Builds the published package: the library (dist/index.js) and the `scaling-lab` command (dist/cli.js), each
// one CommonJS file with the workspace packages inlined and npm packages left as dependencies, and the
// type declarations as one file (dist/index.d.ts). Fails when a bundle needs an npm package that
// package.json does not list, since the tarball would then not install what it needs.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const { isBuiltin } = require('node:module');
const path = require('node:path');
const { buildBundle, freshBundleOrExit, WORKSPACE_ROOT } = require('../../../bundle');

const PACKAGE_ROOT = path.resolve(__dirname, '..');
const DIST = path.join(PACKAGE_ROOT, 'dist');
const BUNDLES = [
  { entry: path.join(PACKAGE_ROOT, 'src', 'index.ts'), outfile: path.join(DIST, 'index.js') },
  { entry: path.join(WORKSPACE_ROOT, 'experiments', 'src', 'cli', 'main.ts'), outfile: path.join(DIST, 'cli.js') },
];

/** The bundles the `scaling-lab` command and the library run from, rebuilt where a source changed. */
function buildIfStale() {
  for (const bundle of BUNDLES) freshBundleOrExit(bundle);
}

/** Every output is replaced by a rename, never deleted first, so a command running meanwhile keeps working. */
function build() {
  const { dependencies = {} } = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
  for (const bundle of BUNDLES) {
    const metafile = buildBundle(bundle);
    const missing = externalPackages(metafile).filter((name) => !(name in dependencies));
    if (missing.length > 0) {
      throw new Error(
        `${path.basename(bundle.outfile)} requires ${missing.join(', ')}; add them to packages/scaling-lab/package.json dependencies`,
      );
    }
  }
  const declarations = path.join(DIST, 'index.d.ts');
  const dtsBundler = require.resolve('dts-bundle-generator/dist/bin/dts-bundle-generator.js');
  execFileSync(
    process.execPath,
    [
      dtsBundler,
      '--silent',
      '--no-banner',
      '--no-check',
      '--export-referenced-types=false',
      '--project',
      path.join(PACKAGE_ROOT, 'tsconfig.dts.json'),
      '-o',
      `${declarations}.tmp`,
      path.join(PACKAGE_ROOT, 'src', 'index.ts'),
    ],
    { stdio: 'inherit' },
  );
  fs.renameSync(`${declarations}.tmp`, declarations);
}

/** npm package names the bundle loads with `require` (built-ins and `require.resolve` look-ups excluded). */
function externalPackages(metafile) {
  const names = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const i of output.imports) {
      if (!i.external || i.kind === 'require-resolve' || isBuiltin(i.path)) continue;
      const parts = i.path.split('/');
      names.add(i.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

module.exports = { buildIfStale };

if (require.main === module) {
  try {
    build();
  } catch (error) {
    process.stderr.write(`scaling-lab build: ${error.message}\n`);
    process.exitCode = 1;
  }
}

// Turns a TypeScript entry point of the workspace into one CommonJS file with esbuild: workspace packages
// are inlined through tsconfig.base.json's path aliases, npm packages stay `require`s. `freshBundle` rebuilds
// only when an input file changed since the last build, so a start costs a few `stat`s, not a compile.
const fs = require('node:fs');
const path = require('node:path');

const WORKSPACE_ROOT = __dirname;
/** Files that shape every bundle besides its sources. */
const SHARED_INPUTS = [__filename, path.join(WORKSPACE_ROOT, 'tsconfig.base.json')];

/**
 * Builds `entry` into `outfile` (plus a source map and `<outfile>.inputs.json`, the input files and their
 * modification times) and returns the metafile. Written beside and renamed, so concurrent starts never
 * read half a file.
 */
function buildBundle({ entry, outfile, banner }) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    absWorkingDir: WORKSPACE_ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(WORKSPACE_ROOT, 'tsconfig.base.json'),
    sourcemap: 'linked',
    sourcesContent: false,
    banner: banner ? { js: banner } : undefined,
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const inputs = [...SHARED_INPUTS, ...Object.keys(result.metafile.inputs).map((f) => path.resolve(WORKSPACE_ROOT, f))];
  const stamp = Object.fromEntries(inputs.map((f) => [f, fs.statSync(f).mtimeMs]));
  writeAtomically(stampFile(outfile), JSON.stringify(stamp));
  return result.metafile;
}

/** The bundle of `entry` at `outfile`, rebuilt first if it is missing or any of its inputs changed. */
function freshBundle(options) {
  if (!isFresh(options.outfile)) buildBundle(options);
  return options.outfile;
}

function isFresh(outfile) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile(outfile), 'utf8'));
    if (!fs.existsSync(outfile)) return false;
  } catch {
    return false;
  }
  for (const [file, mtimeMs] of Object.entries(stamp)) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

function stampFile(outfile) {
  return `${outfile}.inputs.json`;
}

function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents);
  fs.renameSync(temp, file);
}

module.exports = { buildBundle, freshBundle, WORKSPACE_ROOT };

// Turns a TypeScript entry point of the workspace into one CommonJS file with esbuild: workspace packages
// are inlined through tsconfig.base.json's path aliases, npm packages stay `require`s. `freshBundle` rebuilds
// only when an input file changed since the last build, so a start costs a few `stat`s, not a compile.
const fs = require('node:fs');
const path = require('node:path');

const WORKSPACE_ROOT = __dirname;
/** Files that shape every bundle besides its sources. */
const SHARED_INPUTS = [__filename, path.join(WORKSPACE_ROOT, 'tsconfig.base.json')];

/**
 * Builds `entry` into `outfile` (plus a source map and `<outfile>.inputs.json`, the input files, relative to
 * the workspace, and their modification times) and returns the metafile. Written beside and renamed, so concurrent starts never
 * read half a file.
 */
function buildBundle({ entry, outfile }) {
  const esbuild = require('esbuild');
  let result;
  try {
    result = buildWith(esbuild, { entry, outfile });
  } catch (error) {
    throw new BundleError(entry, error);
  }
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // Paths relative to the workspace, so a copied workspace (as the generator's end-to-end check makes)
  // checks its own files, not the ones it was copied from.
  const inputs = [
    ...SHARED_INPUTS.map((f) => path.relative(WORKSPACE_ROOT, f)),
    ...Object.keys(result.metafile.inputs),
  ];
  const stamp = Object.fromEntries(inputs.map((f) => [f, fs.statSync(path.resolve(WORKSPACE_ROOT, f)).mtimeMs]));
  writeAtomically(stampFile(outfile), JSON.stringify(stamp));
  return result.metafile;
}

function buildWith(esbuild, { entry, outfile }) {
  return esbuild.buildSync({
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
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
}

/** A source that does not compile, named by its first error's place: `file:line:column: text`. */
class BundleError extends Error {
  constructor(entry, cause) {
    const first = cause.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    const what = first ? first.text : String(cause.message).split('\n')[0];
    super(`${where}${what} (while bundling ${path.relative(WORKSPACE_ROOT, entry)}; fix it and run again)`);
    this.name = 'BundleError';
  }
}

/** For a command's entry script: the fresh bundle, or one line on stderr and exit code 1 when it cannot be built. */
function freshBundleOrExit(options) {
  try {
    return freshBundle(options);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    process.stderr.write(`scaling-lab: error: ${error.message}\n`);
    process.exit(1);
  }
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
    const stat = fs.statSync(path.resolve(WORKSPACE_ROOT, file), { throwIfNoEntry: false });
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

module.exports = { buildBundle, BundleError, freshBundle, freshBundleOrExit, WORKSPACE_ROOT };

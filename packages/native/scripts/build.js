#!/usr/bin/env node
// Builds the oneDNN addon from source with node-gyp against the Node headers already installed next to the
// running node (never downloading them). Without --require a failure is one line on stderr and exit 0, so
// setup steps continue and training uses the wasm kernels; with --require it exits 1 (CI, `native:build`).
// Skips the compiler when the addon is newer than every source file. --status prints whether it is built.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const PKG = path.resolve(__dirname, '..');
const ADDON = path.join(PKG, 'build', 'Release', 'scaling_lab_native.node');
const LOG = path.join(PKG, 'build', 'build.log');
const SOURCES = [
  path.join(PKG, 'binding.gyp'),
  ...fs.readdirSync(path.join(PKG, 'addon')).map((f) => path.join(PKG, 'addon', f)),
];
const INSTALL_HINT = 'on Debian/Ubuntu: apt-get install g++ make python3 libdnnl-dev';
const required = process.argv.includes('--require');

function done(ok, line) {
  process.stderr.write(`native kernels: ${line}\n`);
  process.exit(ok || !required ? 0 : 1);
}

function has(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

function upToDate() {
  if (!fs.existsSync(ADDON)) return false;
  const built = fs.statSync(ADDON).mtimeMs;
  return SOURCES.every((f) => fs.statSync(f).mtimeMs <= built);
}

/** The directory whose include/node holds the running node's headers (Debian's nodejs: /usr). */
function nodeDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..')].filter(
    Boolean,
  );
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h')));
}

function nodeGypBin() {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js', { paths: [PKG] });
  } catch {
    // npm ships its own copy of node-gyp.
    const bundled = path.resolve(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    return fs.existsSync(bundled) ? bundled : null;
  }
}

/** Loads the addon in a fresh process: a build can link yet fail to load (e.g. libdnnl.so.2 missing at run time). */
function loadCheck() {
  const r = spawnSync(
    process.execPath,
    ['-e', `const a = require(${JSON.stringify(ADDON)}); process.stdout.write(JSON.stringify(a.info()))`],
    { encoding: 'utf8' },
  );
  if (r.status !== 0)
    return {
      ok: false,
      reason: (r.stderr || '').split('\n').find((l) => /Error|error/.test(l)) || `exit code ${r.status}`,
    };
  return { ok: true, info: JSON.parse(r.stdout) };
}

function firstCompilerError(output) {
  const lines = output.split('\n');
  return (
    lines.find((l) => /fatal error:|error:|cannot find -l|undefined reference/.test(l)) ||
    lines.filter(Boolean).pop() ||
    'unknown error'
  ).trim();
}

function main() {
  // --status: one word for cache keys (nx test inputs): whether a loadable addon is there and how new.
  if (process.argv.includes('--status')) {
    process.stdout.write(fs.existsSync(ADDON) ? `built ${fs.statSync(ADDON).mtimeMs}` : 'absent');
    return;
  }
  if (process.env.SCALING_LAB_NATIVE === 'off') done(true, 'not built (SCALING_LAB_NATIVE=off)');
  if (upToDate()) {
    const check = loadCheck();
    if (check.ok) done(true, `up to date (oneDNN ${check.info.onednn}, ${check.info.isa})`);
  }
  const missing = [
    ['g++', 'g++'],
    ['make', 'make'],
    ['python3', 'python3'],
  ]
    .filter(([cmd]) => !has(cmd))
    .map(([, name]) => name);
  if (missing.length > 0) done(false, `not built: ${missing.join(', ')} not found (${INSTALL_HINT})`);
  const dnnlHeader =
    ['/usr/include/oneapi/dnnl/dnnl.hpp', '/usr/local/include/oneapi/dnnl/dnnl.hpp'].some((f) => fs.existsSync(f)) ||
    process.env.CPATH;
  if (!dnnlHeader)
    done(
      false,
      `not built: oneDNN headers (oneapi/dnnl/dnnl.hpp) not found (${INSTALL_HINT}, or set CPATH and LIBRARY_PATH to a oneDNN 2.x install)`,
    );
  const dir = nodeDir();
  if (!dir)
    done(
      false,
      `not built: no Node headers (include/node/node_api.h) next to ${process.execPath}; set npm_config_nodedir to a directory holding include/node`,
    );
  const gyp = nodeGypBin();
  if (!gyp) done(false, 'not built: node-gyp not found (run npm ci first)');
  fs.mkdirSync(path.dirname(LOG), { recursive: true });
  const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${dir}`, '--jobs=2'], {
    cwd: PKG,
    encoding: 'utf8',
    env: { ...process.env, npm_config_nodedir: dir },
  });
  const output = `${r.stdout || ''}\n${r.stderr || ''}`;
  fs.writeFileSync(LOG, output);
  if (r.status !== 0)
    done(false, `build failed: ${firstCompilerError(output)} (full log: ${path.relative(process.cwd(), LOG)})`);
  const check = loadCheck();
  if (!check.ok) done(false, `built but cannot load: ${check.reason}`);
  done(true, `built (oneDNN ${check.info.onednn}, ${check.info.isa}): ${path.relative(process.cwd(), ADDON)}`);
}

main();

/**
 * How the command starts: from a bundle that is rebuilt only when a source changed, loading only what the
 * command it runs needs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The bundler shared by the repository's entry points (plain CommonJS, so the command needs no compile to start).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freshBundle } = require('../../../bundle') as { freshBundle(o: { entry: string; outfile: string }): string };
const BUNDLE_JS = path.resolve(__dirname, '..', '..', '..', 'bundle.js');

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'scaling-lab.js');

describe('freshBundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-lab-bundle-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string, mtime: number) => {
    fs.writeFileSync(path.join(dir, name), text);
    fs.utimesSync(path.join(dir, name), mtime, mtime);
  };
  // Written as plain text: `node -p` would colour the number when the test runs under FORCE_COLOR (as nx tasks do).
  const run = (file: string) =>
    spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(file)}).answer))`], {
      encoding: 'utf8',
    }).stdout;

  it('builds once, reuses the bundle while its inputs are unchanged, and rebuilds when an import changed', () => {
    write('entry.ts', "import { value } from './value';\nexport const answer: number = value * 2;\n", 1_000_000);
    write('value.ts', 'export const value: number = 21;\n', 1_000_000);
    const options = { entry: path.join(dir, 'entry.ts'), outfile: path.join(dir, 'out', 'entry.js') };

    const out = freshBundle(options);
    expect(run(out)).toBe('42');
    const built = fs.statSync(out).mtimeMs;
    fs.utimesSync(out, 2_000_000, 2_000_000);

    freshBundle(options);
    expect(fs.statSync(out).mtimeMs).toBe(2_000_000_000);

    write('value.ts', 'export const value: number = 50;\n', 1_000_001);
    freshBundle(options);
    expect(fs.statSync(out).mtimeMs).not.toBe(2_000_000_000);
    expect(fs.statSync(out).mtimeMs).toBeGreaterThanOrEqual(built);
    expect(run(out)).toBe('100');
  });

  it('names the place of a compile error, and never falls back to the stale bundle', () => {
    write('entry.ts', 'export const answer = 7;\n', 1_000_000);
    const options = { entry: path.join(dir, 'entry.ts'), outfile: path.join(dir, 'out', 'entry.js') };
    freshBundle(options);
    write('entry.ts', 'export const answer = ;\n', 1_000_001);
    expect(() => freshBundle(options)).toThrow(
      /entry\.ts:1:23: Unexpected ";" \(while bundling .*entry\.ts; fix it and run again\)/,
    );
    expect(() => freshBundle(options)).toThrow(/Unexpected ";"/);
  });

  it('gives a command one line on stderr and exit 1 when its sources do not compile', () => {
    write('entry.ts', 'export const answer = ;\n', 1_000_000);
    const script = `require(${JSON.stringify(BUNDLE_JS)}).freshBundleOrExit({ entry: ${JSON.stringify(path.join(dir, 'entry.ts'))}, outfile: ${JSON.stringify(path.join(dir, 'out.js'))} })`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^scaling-lab: error: .*entry\.ts:1:23: Unexpected ";" .*\n$/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it("checks a copied workspace against its own files: a change in the copy rebuilds the copy's bundle", () => {
    // A miniature workspace: bundle.js, a tsconfig and one entry, built, then copied with its times kept.
    const original = path.join(dir, 'original');
    fs.mkdirSync(path.join(original, 'src'), { recursive: true });
    fs.copyFileSync(BUNDLE_JS, path.join(original, 'bundle.js'));
    fs.writeFileSync(path.join(original, 'tsconfig.base.json'), '{}');
    fs.symlinkSync(path.resolve(__dirname, '..', '..', '..', 'node_modules'), path.join(original, 'node_modules'));
    fs.writeFileSync(path.join(original, 'src', 'entry.ts'), 'export const answer = 1;\n');
    const build = (root: string) => {
      const out = path.join(root, 'dist', 'entry.js');
      const script = `require(${JSON.stringify(path.join(root, 'bundle.js'))}).freshBundle({ entry: ${JSON.stringify(path.join(root, 'src', 'entry.ts'))}, outfile: ${JSON.stringify(out)} })`;
      expect(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).status).toBe(0);
      return run(out);
    };
    expect(build(original)).toBe('1');
    const copy = path.join(dir, 'copy');
    fs.cpSync(original, copy, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(copy, 'src', 'entry.ts'), 'export const answer = 2;\n');
    fs.utimesSync(path.join(copy, 'src', 'entry.ts'), 3_000_000, 3_000_000);
    expect(build(copy)).toBe('2');
    expect(build(original)).toBe('1');
  });

  it('rebuilds a bundle whose output was deleted', () => {
    write('entry.ts', 'export const answer = 7;\n', 1_000_000);
    const options = { entry: path.join(dir, 'entry.ts'), outfile: path.join(dir, 'out', 'entry.js') };
    fs.rmSync(freshBundle(options));
    expect(run(freshBundle(options))).toBe('7');
  });
});

describe('scaling-lab list', () => {
  it('loads neither the report renderer, the trainer nor the progress bar', () => {
    // Runs the command in a process that then prints every module it loaded.
    const script = `
      require(${JSON.stringify(BIN)});
      process.on('beforeExit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));`;
    const r = spawnSync(process.execPath, ['-e', script, '--', 'scaling-lab', 'list', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).backbones.length).toBeGreaterThan(0);
    const packages = new Set(
      (JSON.parse(r.stderr) as string[]).map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean),
    );
    expect(packages).toContain('commander');
    expect(packages).toContain('@tensorflow/tfjs-layers');
    for (const heavy of [
      'vega',
      'vega-lite',
      '@resvg/resvg-js',
      '@tensorflow/tfjs-backend-wasm',
      'cli-progress',
      'pngjs',
      'csv-stringify',
    ]) {
      expect(packages).not.toContain(heavy);
    }
  });
});

/**
 * Test helpers live in each package's `testing/` folder, outside the shipped `src`: no shipped source file of any
 * package may import one (a test-only import in `src` would ship the helpers, or break a build without them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGES = path.resolve(__dirname, '../..');
const WORKSPACE = path.resolve(PACKAGES, '..');
/** Every project's shipped sources: packages/<name>/src, experiments/src and tools/src. */
const SOURCE_ROOTS = [
  ...fs.readdirSync(PACKAGES).map((p) => path.join(PACKAGES, p, 'src')),
  path.join(WORKSPACE, 'experiments', 'src'),
  path.join(WORKSPACE, 'tools', 'src'),
].filter((src) => fs.existsSync(src));

function shippedSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return shippedSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

it('no shipped source imports a testing/ helper', () => {
  const sources = SOURCE_ROOTS.flatMap(shippedSources);
  expect(sources.length).toBeGreaterThan(50);
  const offenders = sources.filter((file) =>
    /from '[^']*(\/testing|core\/testing)(\/[^']*)?'/.test(fs.readFileSync(file, 'utf8')),
  );
  expect(offenders.map((f) => path.relative(WORKSPACE, f))).toEqual([]);
});

it('no test helper is left inside a shipped src folder', () => {
  const helpers = SOURCE_ROOTS.flatMap(shippedSources).filter(
    (file) => /(^|[-.])test-support\.ts$/.test(path.basename(file)) || file.split(path.sep).includes('testing'),
  );
  expect(helpers.map((f) => path.relative(WORKSPACE, f))).toEqual([]);
});

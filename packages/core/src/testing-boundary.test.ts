/**
 * Test helpers live in each package's `testing/` folder, outside the shipped `src`: no shipped source file of any
 * package may import one (a test-only import in `src` would ship the helpers, or break a build without them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGES = path.resolve(__dirname, '../..');

function shippedSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return shippedSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

it('no shipped source imports a testing/ helper', () => {
  const sources = fs
    .readdirSync(PACKAGES)
    .map((p) => path.join(PACKAGES, p, 'src'))
    .filter((src) => fs.existsSync(src))
    .flatMap(shippedSources);
  expect(sources.length).toBeGreaterThan(50);
  const offenders = sources.filter((file) =>
    /from '[^']*(\/testing|core\/testing)(\/[^']*)?'/.test(fs.readFileSync(file, 'utf8')),
  );
  expect(offenders.map((f) => path.relative(PACKAGES, f))).toEqual([]);
});

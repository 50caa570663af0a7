// Report directories swapped in by several writers at once (two sweeps finishing together): every write
// succeeds, the directory ends up holding one writer's complete set, and nothing is left beside it.
import { promises as fs, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeReportDir } from './write-report-dir';

it('concurrent writers of one report directory all succeed and leave one complete report', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'report-dir-'));
  const dir = path.join(root, 'exp');
  const files = (w: number) => Object.fromEntries(['a.txt', 'b.txt', 'c.txt'].map((f) => [f, `${f} from writer ${w}`]));
  for (let round = 0; round < 5; round++) {
    await Promise.all([0, 1, 2, 3, 4, 5].map((w) => writeReportDir(dir, files(w))));
    const writers = new Set(
      readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8').replace(/^.* from /, '')),
    );
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(writers.size).toBe(1);
    expect(readdirSync(root)).toEqual(['exp']);
  }
});

describe('with the real atomic writer on a disk that fills up', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names the report file (not the staging copy) and the fix, and keeps the previous report', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'report-dir-'));
    const dir = path.join(root, 'exp');
    await writeReportDir(dir, { 'a.txt': 'old a', 'b.png': 'old b' });
    const realOpen = fs.open.bind(fs);
    jest.spyOn(fs, 'open').mockImplementation(async (file, flags, mode) => {
      if (String(file).includes('b.png'))
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return realOpen(file, flags, mode);
    });
    const err = await writeReportDir(dir, { 'a.txt': 'new a', 'b.png': 'new b' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `disk full while writing ${path.join(dir, 'b.png')}: free space or choose another --reports directory`,
    );
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe('old a');
    expect(readdirSync(root)).toEqual(['exp']);
  });
});

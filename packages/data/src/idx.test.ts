import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataError } from './errors';
import { isGzip, parseIdx, readIdxFile } from './idx';
import { idxBytes, removeDir, tempDir } from '../testing/fixtures';

describe('IDX reader', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir()));
  afterAll(() => removeDir(dir));

  const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => (i * 11) % 256);

  it.each([
    ['raw', false],
    ['gzip', true],
  ])('reads a %s 3-D file written to disk', async (_, gz) => {
    const path = join(dir, gz ? 'images.gz' : 'images');
    const bytes = idxBytes([2, 3, 4], data);
    writeFileSync(path, gz ? gzipSync(bytes) : bytes);
    const idx = await readIdxFile(path, 3);
    expect(idx.dims).toEqual([2, 3, 4]);
    expect(Array.from(idx.data)).toEqual(Array.from(data));
  });

  it('detects gzip by content, not by name', async () => {
    const path = join(dir, 'labels-without-suffix');
    writeFileSync(path, gzipSync(idxBytes([3], Uint8Array.of(0, 9, 4))));
    expect(isGzip(gzipSync(Uint8Array.of(1)))).toBe(true);
    expect(Array.from((await readIdxFile(path, 1)).data)).toEqual([0, 9, 4]);
  });

  const expectDataError = (fn: () => unknown, pattern: RegExp) => {
    let caught: unknown;
    try {
      fn();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DataError);
    const message = (caught as Error).message;
    expect(message).toMatch(pattern);
    expect(message).toContain('some/file');
    expect(message).not.toContain('\n');
  };

  it('rejects a file too short for its magic number', () => {
    expectDataError(() => parseIdx(Uint8Array.of(0, 0), 1, 'some/file'), /truncated IDX file \(2 bytes/);
  });

  it('rejects a file too short for its dimension header', () => {
    expectDataError(
      () => parseIdx(idxBytes([5, 28, 28], new Uint8Array(0)).subarray(0, 10), 3, 'some/file'),
      /truncated IDX file \(10 bytes, header needs 16\)/,
    );
  });

  it('rejects truncated data and says how much is missing', () => {
    const bytes = idxBytes([2, 3, 4], data).subarray(0, 16 + 20);
    expectDataError(() => parseIdx(bytes, 3, 'some/file'), /declares 2×3×4 = 24 bytes of data, found 20/);
  });

  it('rejects trailing bytes after the declared data', () => {
    expectDataError(() => parseIdx(idxBytes([3], Uint8Array.of(1, 2, 3, 4)), 1, 'some/file'), /1 unexpected bytes/);
  });

  it('rejects a labels file where images are expected (wrong magic number)', () => {
    expectDataError(
      () => parseIdx(idxBytes([3], Uint8Array.of(1, 2, 3)), 3, 'some/file'),
      /wrong magic number 0x00000801 \(expected 0x00000803/,
    );
  });

  it('rejects a non-IDX file (wrong magic number)', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0);
    expectDataError(() => parseIdx(png, 1, 'some/file'), /wrong magic number 0x89504e47/);
  });

  it('reports a corrupt gzip file by name', async () => {
    const path = join(dir, 'broken.gz');
    writeFileSync(path, gzipSync(idxBytes([2, 3, 4], data)).subarray(0, 20));
    await expect(readIdxFile(path, 3)).rejects.toThrow(DataError);
    await expect(readIdxFile(path, 3)).rejects.toThrow(/cannot decompress .*broken\.gz/);
  });

  it('reports a missing file by name', async () => {
    await expect(readIdxFile(join(dir, 'nope'), 1)).rejects.toThrow(/cannot read .*nope/);
  });
});

// The atomic write: the target holds the old or the new content, never part of one, and a failed write
// (a full disk, simulated by failing the file handle's write after half the data) leaves no temp file behind.
import { promises as fs, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { ensureDir } from './ensure-dir';
import { FileWriteError } from './write-error';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'core-atomic-'));

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** Makes the next opened file handle write half of its data and then fail with `code`. */
function failWrites(code: string): jest.SpyInstance {
  const realOpen = fs.open.bind(fs);
  return jest.spyOn(fs, 'open').mockImplementation(async (file, flags, mode) => {
    const handle = await realOpen(file, flags, mode);
    if (flags === 'r') return handle;
    handle.writeFile = async (data: string | Uint8Array) => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      throw errno(code);
    };
    return handle;
  });
}

afterEach(() => jest.restoreAllMocks());

describe('writeFileAtomic', () => {
  it('replaces the file and leaves nothing else in the directory', async () => {
    const dir = tmp();
    const file = path.join(dir, 'row.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new content');
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['row.json']);
  });

  it('on a full disk keeps the old file, removes its temp file and names the file and the fix', async () => {
    const dir = tmp();
    const file = path.join(dir, 'result.json');
    writeFileSync(file, 'previous');
    failWrites('ENOSPC');
    const err = await writeFileAtomic(file, 'x'.repeat(10000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileWriteError);
    expect((err as Error).message).toBe(`disk full while writing ${file}: free space or choose another directory`);
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['result.json']);
  });

  it('on a read-only file system says the directory is read-only', async () => {
    const dir = tmp();
    jest.spyOn(fs, 'open').mockRejectedValue(errno('EROFS'));
    const err = await writeFileAtomic(path.join(dir, 'a.json'), '{}').catch((e: unknown) => e);
    expect((err as Error).message).toBe(`${dir} is read-only (read-only file system): choose another directory`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('ensureDir', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reports the real reason a directory cannot be made, not the ENOENT of a recursive mkdir', async () => {
    const dir = tmp();
    const realMkdir = fs.mkdir.bind(fs);
    // What a read-only mount does: a recursive mkdir says ENOENT, a plain one says EROFS.
    jest.spyOn(fs, 'mkdir').mockImplementation(async (p, options) => {
      if (String(p).startsWith(path.join(dir, 'ro'))) {
        throw errno((options as { recursive?: boolean } | undefined)?.recursive ? 'ENOENT' : 'EROFS');
      }
      return realMkdir(p, options);
    });
    const err = await ensureDir(path.join(dir, 'ro', 'a', 'b')).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('EROFS');
    await ensureDir(path.join(dir, 'ok', 'c'));
    expect(readdirSync(path.join(dir, 'ok'))).toEqual(['c']);
  });
});

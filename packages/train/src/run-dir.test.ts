import { promises as fs, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureRunDir } from './run-dir';

const errno = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });

describe('ensureRunDir', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'run-dir-'));
  afterEach(() => jest.restoreAllMocks());

  it('creates a missing directory and leaves no probe behind', async () => {
    const dir = path.join(root, 'a', 'b');
    await ensureRunDir(dir);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses a file in place of the directory, naming flag, path and fix', async () => {
    const file = path.join(root, 'file');
    writeFileSync(file, 'x');
    await expect(ensureRunDir(file, '--out')).rejects.toThrow(
      `--out ${file}: cannot create or write this directory (a path component is a file, not a directory); choose a directory path (or move the file away)`,
    );
  });

  it('reports a read-only file system as such, not as the ENOENT that recursive mkdir gives', async () => {
    const dir = path.join(root, 'ro', 'run');
    const mkdir = fs.mkdir.bind(fs);
    jest.spyOn(fs, 'mkdir').mockImplementation(async (p, options) => {
      if (String(p).startsWith(path.join(root, 'ro'))) {
        throw (options as { recursive?: boolean } | undefined)?.recursive
          ? errno('ENOENT', `no such file or directory, mkdir '${p}'`)
          : errno('EROFS', 'read-only file system');
      }
      return mkdir(p, options);
    });
    await expect(ensureRunDir(dir, '--out')).rejects.toThrow(
      `--out ${dir}: cannot create or write this directory (the file system is read-only); choose a directory on a writable file system`,
    );
  });

  it('reports a full disk with the path and the fix', async () => {
    const dir = path.join(root, 'full');
    jest.spyOn(fs, 'writeFile').mockRejectedValue(errno('ENOSPC', 'no space left on device, write'));
    await expect(ensureRunDir(dir, '--store')).rejects.toThrow(
      `--store ${dir}: cannot create or write this directory (no space left on the device); free some space or choose a directory on another disk`,
    );
  });
});

/**
 * Output-directory checks: a report directory that cannot be created or written becomes one Error with a
 * one-line message naming the directory and the fix, which the CLI prints as is (style.md: errors speak the
 * user's language). Probing with a real write also catches read-only mounts, where permission bits lie.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempPathFor } from './atomic-write';

export class OutputDirError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
  ) {
    super(
      `Cannot write reports to ${dir}: ${reason}. Fix: make the directory writable ` +
        `(e.g. chmod u+w, or a writable mount) or choose another output directory.`,
    );
    this.name = 'OutputDirError';
  }
}

const WRITE_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC', 'EISDIR', 'EDQUOT']);

/** A short reason for a filesystem error, without the stack or the syscall noise. */
export function describeWriteError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a path component is a file, not a directory';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on device';
    case 'EISDIR':
      return 'a directory stands where a file should be written';
    default:
      return err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
}

export function isWriteError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && WRITE_ERRORS.has(code);
}

/** Create `dir` if needed and prove a file can be written there; throws OutputDirError otherwise. */
export async function ensureWritableDir(dir: string): Promise<void> {
  const abs = path.resolve(dir);
  try {
    await fs.mkdir(abs, { recursive: true });
    const probe = tempPathFor(path.join(abs, 'write-probe'));
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  } catch (err) {
    throw new OutputDirError(abs, describeWriteError(err));
  }
}

/** Run a write step; turn filesystem write failures into OutputDirError naming `dir`. */
export async function withOutputDir<T>(dir: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof OutputDirError || !isWriteError(err)) throw err;
    throw new OutputDirError(path.resolve(dir), describeWriteError(err));
  }
}

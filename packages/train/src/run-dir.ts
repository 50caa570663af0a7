/**
 * The run directory is checked before anything loads or trains: a `--out` that is a file, sits on a
 * read-only mount or on a full disk fails at once with one line naming the directory and the fix, instead
 * of after a whole epoch (or as a bare "ENOENT … mkdir").
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TrainError } from './trainer/errors';

/** A filesystem error as a short reason and what to do about it. */
export function explainFsError(error: unknown): { reason: string; fix: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EROFS':
      return { reason: 'the file system is read-only', fix: 'choose a directory on a writable file system' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'no space left on the device', fix: 'free some space or choose a directory on another disk' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission denied', fix: 'make it writable (chmod u+w) or choose another directory' };
    case 'ENOTDIR':
    case 'EEXIST':
      return {
        reason: 'a path component is a file, not a directory',
        fix: 'choose a directory path (or move the file away)',
      };
    default:
      return {
        reason: error instanceof Error ? error.message.split('\n')[0] : String(error),
        fix: 'choose another directory',
      };
  }
}

/**
 * Node's recursive mkdir reports ENOENT when a parent cannot be created (a read-only mount, a missing
 * permission): creating the first missing directory on its own gives the real reason.
 */
async function realMkdirError(dir: string, error: unknown): Promise<unknown> {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  let missing = dir;
  while (
    path.dirname(missing) !== missing &&
    !(await fs.stat(path.dirname(missing)).then(
      () => true,
      () => false,
    ))
  )
    missing = path.dirname(missing);
  try {
    await fs.mkdir(missing);
    await fs.rmdir(missing);
    return error;
  } catch (inner) {
    return inner;
  }
}

/** Creates `dir` if needed and proves a file can be written and removed there. */
export async function ensureRunDir(dir: string, flag = '--out'): Promise<void> {
  const abs = path.resolve(dir);
  try {
    const stat = await fs.stat(abs).catch(() => null);
    if (stat && !stat.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await fs.mkdir(abs, { recursive: true }).catch(async (error: unknown) => {
      throw await realMkdirError(abs, error);
    });
    const probe = path.join(abs, `.write-probe-${process.pid}`);
    await fs.writeFile(probe, 'probe');
    await fs.rm(probe, { force: true });
  } catch (error) {
    const { reason, fix } = explainFsError(error);
    throw new TrainError(`${flag} ${dir}: cannot create or write this directory (${reason}); ${fix}`, { usage: true });
  }
}

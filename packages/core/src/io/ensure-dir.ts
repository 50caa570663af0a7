/**
 * mkdir -p that reports the real reason. Node's recursive mkdir answers ENOENT when a missing directory
 * cannot be created on a read-only mount; here the first missing component is created on its own, so the
 * error is the true one (EROFS, EACCES, ENOSPC) and names the directory that could not be made.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function ensureDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw await realMkdirError(path.resolve(dir), err);
  }
}

async function realMkdirError(dir: string, fallback: unknown): Promise<unknown> {
  let missing = dir;
  // Walk up to the first component whose parent exists.
  while (path.dirname(missing) !== missing) {
    const parent = path.dirname(missing);
    if (
      await fs.stat(parent).then(
        () => true,
        () => false,
      )
    )
      break;
    missing = parent;
  }
  try {
    await fs.mkdir(missing);
  } catch (err) {
    return err;
  }
  await fs.rmdir(missing).catch(() => undefined);
  return fallback;
}

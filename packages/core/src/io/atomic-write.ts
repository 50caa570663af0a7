/**
 * The one crash-safe file write of the project: a temp file in the target's directory, written and fsynced,
 * renamed over the target, then the directory fsynced. rename(2) within a directory is atomic, so a reader
 * (or a concurrent writer) sees the old complete file or the new one; a failed write removes its temp file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { asWriteError } from './write-error';

/** Marker in temp names, so readers can recognise (and skip) what a crashed writer left behind. */
export const TEMP_MARKER = '.tmp-';

export function isTempFile(name: string): boolean {
  return name.includes(TEMP_MARKER);
}

/** A hidden name next to `file`, unique per process and call, so concurrent writers never share one. */
export function tempPathFor(file: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}${TEMP_MARKER}${process.pid}-${randomBytes(6).toString('hex')}`,
  );
}

/**
 * Writes `data` to `file` all or nothing. A read-only directory or a full disk throws a FileWriteError
 * naming `file` and the fix; other errors pass through unchanged.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(file);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, file);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    // A full disk must not leave 0-byte or partial temp files behind.
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw asWriteError(err, file);
  }
  await syncDirectory(path.dirname(file));
}

/** Makes renames and new entries in `dir` durable; filesystems that refuse to fsync a directory are fine. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the file contents themselves are already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

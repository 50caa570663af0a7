/**
 * Atomic file writes: write a temp file in the target's directory, fsync it, rename it over the target, then
 * fsync the directory. rename(2) within one directory is atomic, so a reader (or a concurrent writer in
 * another process) sees either the old complete file or the new complete one, never a torn one.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Marker in temp file names, so readers can recognise (and skip) files a crashed writer left behind. */
export const TEMP_MARKER = '.tmp-';

export function isTempFile(name: string): boolean {
  return name.includes(TEMP_MARKER);
}

export function tempPathFor(file: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  // Hidden (leading dot) and unique per process and call, so concurrent writers never share a temp file.
  return path.join(dir, `.${base}${TEMP_MARKER}${process.pid}-${randomBytes(6).toString('hex')}`);
}

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
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(path.dirname(file));
}

/** Make the rename itself durable; some filesystems refuse to fsync a directory, which is harmless here. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Durability of the directory entry is best effort; the file contents are already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

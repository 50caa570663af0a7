/**
 * Crash-safe writes: a file or a whole directory is written under a temporary name next to its target and
 * renamed into place, so a reader (or a resumed run) sees the old version or the new one, never half of one.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${Date.now()}`);
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/**
 * Fills a fresh temporary directory with `write`, then swaps it in for `dir`. Directories cannot be renamed
 * over non-empty ones, so the old one is first moved to `<dir>.old` and removed after the swap; a crash
 * between the two renames leaves `<dir>.old`, which `resolveDirAtomic` falls back to.
 */
export async function replaceDirAtomic(dir: string, write: (tmpDir: string) => Promise<void>): Promise<void> {
  await fs.mkdir(path.dirname(dir), { recursive: true });
  const tmp = tempName(dir);
  await fs.mkdir(tmp);
  try {
    await write(tmp);
  } catch (error) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw error;
  }
  const old = `${dir}.old`;
  await fs.rm(old, { recursive: true, force: true });
  const hadDir = await exists(dir);
  if (hadDir) await fs.rename(dir, old);
  await fs.rename(tmp, dir);
  if (hadDir) await fs.rm(old, { recursive: true, force: true });
}

/** The directory to read: `dir`, or `<dir>.old` when a swap was interrupted; null when neither exists. */
export async function resolveDirAtomic(dir: string): Promise<string | null> {
  if (await exists(dir)) return dir;
  if (await exists(`${dir}.old`)) return `${dir}.old`;
  return null;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.stat(p);
    return true;
  } catch {
    return false;
  }
}

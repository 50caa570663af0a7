/**
 * Writes a report directory all or nothing: every file is rendered into a staging directory next to the
 * target, which is then swapped in. A failure at any point (a full disk after 5 of 7 files, say) removes the
 * staging directory and leaves the previous report byte-identical. Files in the old directory that this
 * write does not produce (e.g. a search's coefficients.json) are carried over.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensureDir, syncDirectory, TEMP_MARKER, writeFileAtomic } from '@scaling-lab/core';
import { OutputDirError, outputDirMessage } from './output-dir';

export type ReportFiles = Readonly<Record<string, string | Uint8Array>>;

/** The file writer, replaceable so tests can simulate a full disk or a read-only mount. */
export type WriteFile = (file: string, data: string | Uint8Array) => Promise<void>;

function siblingName(dir: string, kind: string): string {
  return path.join(
    path.dirname(dir),
    `.${path.basename(dir)}${TEMP_MARKER}${kind}-${process.pid}-${randomBytes(6).toString('hex')}`,
  );
}

export async function writeReportDir(
  dir: string,
  files: ReportFiles,
  writeFile: WriteFile = writeFileAtomic,
): Promise<void> {
  const target = path.resolve(dir);
  const staging = siblingName(target, 'staging');
  let current = target;
  try {
    await ensureDir(path.dirname(target));
    await fs.mkdir(staging);
    for (const [name, data] of Object.entries(files)) {
      current = path.join(target, name);
      await writeFile(path.join(staging, name), data);
    }
    current = target;
    await carryOver(target, staging, files);
    await syncDirectory(staging);
    await swapIn(staging, target);
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof OutputDirError) throw err;
    throw new OutputDirError(target, outputDirMessage(err, target, current));
  }
}

/** Copies what the old directory holds besides `files`; it may vanish meanwhile (another writer's swap). */
async function carryOver(target: string, staging: string, files: ReportFiles): Promise<void> {
  const entries = await fs.readdir(target).catch((err: unknown) => {
    if (isMissing(err)) return [] as string[];
    throw err;
  });
  for (const entry of entries.filter((e) => !(e in files))) {
    await fs
      .cp(path.join(target, entry), path.join(staging, entry), { recursive: true, preserveTimestamps: true })
      .catch((err: unknown) => {
        if (!isMissing(err)) throw err;
      });
  }
}

/**
 * Directories cannot be renamed over non-empty ones: the old one is moved aside first and put back if the
 * second rename fails, then removed. Another process swapping the same report at the same time (two sweeps
 * finishing together) can take the target between our renames; then we retry, and either complete report
 * ends up in place.
 */
async function swapIn(staging: string, target: string): Promise<void> {
  const parent = path.dirname(target);
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(staging, target); // succeeds when the target is absent or an empty directory
      break;
    } catch (err) {
      if (!isOccupied(err) || attempt >= SWAP_ATTEMPTS) throw err;
    }
    const old = siblingName(target, 'old');
    try {
      await fs.rename(target, old);
    } catch (err) {
      if (isMissing(err)) continue; // another writer moved it aside: try again
      throw err;
    }
    try {
      await fs.rename(staging, target);
      await fs.rm(old, { recursive: true, force: true });
      break;
    } catch (err) {
      if (isOccupied(err)) {
        // Another writer's complete report went in meanwhile; the one we moved aside is superseded.
        await fs.rm(old, { recursive: true, force: true });
        continue;
      }
      await fs.rename(old, target).catch(() => undefined);
      throw err;
    }
  }
  await syncDirectory(parent);
}

const SWAP_ATTEMPTS = 20;

function isOccupied(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Writes a report directory all or nothing: every file is rendered into a staging directory next to the
 * target, which is then swapped in. A failure at any point (a full disk after 5 of 7 files, say) removes the
 * staging directory and leaves the previous report byte-identical. Files in the old directory that this
 * write does not produce (e.g. a search's coefficients.json) are carried over.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { syncDirectory, TEMP_MARKER, writeFileAtomic } from '@scaling-lab/core';
import { OutputDirError, outputDirMessage } from './output-dir';

export type ReportFiles = Readonly<Record<string, string | Uint8Array>>;

/** The file writer, replaceable so tests can simulate a full disk or a read-only mount. */
export type WriteFile = (file: string, data: string | Uint8Array) => Promise<void>;

function siblingName(dir: string, kind: string): string {
  return path.join(path.dirname(dir), `.${path.basename(dir)}${TEMP_MARKER}${kind}-${process.pid}-${randomBytes(6).toString('hex')}`);
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(() => true, () => false);
}

export async function writeReportDir(dir: string, files: ReportFiles, writeFile: WriteFile = writeFileAtomic): Promise<void> {
  const target = path.resolve(dir);
  const staging = siblingName(target, 'staging');
  let current = target;
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.mkdir(staging);
    for (const [name, data] of Object.entries(files)) {
      current = path.join(target, name);
      await writeFile(path.join(staging, name), data);
    }
    current = target;
    if (await exists(target)) {
      for (const entry of await fs.readdir(target)) {
        if (!(entry in files)) await fs.cp(path.join(target, entry), path.join(staging, entry), { recursive: true, preserveTimestamps: true });
      }
    }
    await syncDirectory(staging);
    await swapIn(staging, target);
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof OutputDirError) throw err;
    throw new OutputDirError(target, outputDirMessage(err, target, current));
  }
}

/**
 * Directories cannot be renamed over non-empty ones: the old one is moved aside first and put back if the
 * second rename fails, then removed.
 */
async function swapIn(staging: string, target: string): Promise<void> {
  if (!(await exists(target))) {
    await fs.rename(staging, target);
  } else {
    const old = siblingName(target, 'old');
    await fs.rename(target, old);
    try {
      await fs.rename(staging, target);
    } catch (err) {
      await fs.rename(old, target);
      throw err;
    }
    await fs.rm(old, { recursive: true, force: true });
  }
  await syncDirectory(path.dirname(target));
}

/**
 * Where a run's checkpoint lives on disk, race-free between processes. Every save writes a new, uniquely
 * named directory under `<checkpoint>.versions/` (files fsynced, manifest last) and then switches the
 * `<checkpoint>` symlink to it with rename(2), which is atomic: a reader that follows the link sees one
 * complete version, never a half-installed or missing one. Superseded versions are removed by the process
 * that wrote them, or by anyone once that process is gone.
 */
import { randomBytes, createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDir, syncDirectory, tempPathFor, writeFileAtomic } from '@scaling-lab/core';
import { CorruptCheckpointError, makeManifest, MANIFEST_FILE, parseManifest, verifyFile } from './checkpoint-manifest';

export interface CheckpointFiles {
  /** The version directory the files were read from. */
  readonly dir: string;
  readonly files: Readonly<Record<string, Buffer>>;
}

const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
const VERSION_NAME = /^v-[0-9a-z]+-([0-9a-f]{8})-(\d+)-[0-9a-f]+$/;
/** How often a reader re-follows the link when the version it found was replaced and removed meanwhile. */
const READ_ATTEMPTS = 20;

export function versionsDirOf(pointer: string): string {
  return `${pointer}.versions`;
}

function newVersionName(): string {
  return `v-${Date.now().toString(36)}-${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The version directory `pointer` links to; null without a checkpoint. */
async function followPointer(pointer: string): Promise<string | null> {
  let stat;
  try {
    stat = await fs.lstat(pointer);
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
  if (!stat.isSymbolicLink()) {
    throw new CorruptCheckpointError(
      path.dirname(pointer),
      `${path.basename(pointer)} was written by an older version, without checksums`,
    );
  }
  return path.resolve(path.dirname(pointer), await fs.readlink(pointer));
}

/** Writes `files` as a new version (manifest last) and switches `pointer` to it. */
export async function installCheckpoint(pointer: string, files: Readonly<Record<string, Uint8Array>>): Promise<void> {
  const versions = versionsDirOf(pointer);
  await ensureDir(versions);
  const name = newVersionName();
  const dir = path.join(versions, name);
  await fs.mkdir(dir);
  try {
    for (const [file, bytes] of Object.entries(files)) await writeFileAtomic(path.join(dir, file), bytes);
    await writeFileAtomic(path.join(dir, MANIFEST_FILE), JSON.stringify(makeManifest(files), null, 2));
    await syncDirectory(versions);
  } catch (err) {
    // A full disk must not leave a half-written version behind; the current checkpoint is untouched.
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  // A checkpoint directory of the format before checksums cannot be renamed over; it is superseded now.
  const old = await fs.lstat(pointer).catch(() => null);
  if (old?.isDirectory()) await fs.rm(pointer, { recursive: true, force: true });
  const link = tempPathFor(pointer);
  await fs.symlink(path.join(path.basename(versions), name), link);
  try {
    await fs.rename(link, pointer);
  } catch (err) {
    await fs.rm(link, { force: true });
    throw err;
  }
  await syncDirectory(path.dirname(pointer));
  await removeSuperseded(pointer);
}

/** The files of the version `pointer` links to, each verified against the manifest; null without a checkpoint. */
export async function readCheckpoint(pointer: string): Promise<CheckpointFiles | null> {
  const runDir = path.dirname(pointer);
  let dir = await followPointer(pointer);
  for (let attempt = 1; dir != null; attempt++) {
    try {
      return await readVersion(dir, runDir);
    } catch (err) {
      if (!isMissing(err)) throw err;
      // Replaced and removed while being read: follow the link again, unless it still points here.
      const again = await followPointer(pointer);
      if (again === dir || attempt >= READ_ATTEMPTS) {
        throw new CorruptCheckpointError(
          runDir,
          `${path.relative(runDir, dir)} is missing ${path.basename((err as NodeJS.ErrnoException).path ?? MANIFEST_FILE)}`,
        );
      }
      dir = again;
    }
  }
  return null;
}

async function readVersion(dir: string, runDir: string): Promise<CheckpointFiles> {
  const manifest = parseManifest(await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8'), runDir);
  const files: Record<string, Buffer> = {};
  for (const name of Object.keys(manifest.files)) {
    files[name] = await fs.readFile(path.join(dir, name));
    verifyFile(manifest, name, files[name], runDir);
  }
  return { dir, files };
}

/** Removes the checkpoint: the link and every version (`--restart`). */
export async function removeCheckpoint(pointer: string): Promise<void> {
  await fs.rm(pointer, { recursive: true, force: true });
  await fs.rm(versionsDirOf(pointer), { recursive: true, force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes versions other than the current one that this process wrote, or that a process of this host
 * wrote which no longer runs. A live process's versions are its own to remove: one it has written but not
 * yet linked must not vanish under it.
 */
export async function removeSuperseded(pointer: string): Promise<void> {
  const versions = versionsDirOf(pointer);
  const current = await followPointer(pointer).catch(() => null);
  for (const entry of await fs.readdir(versions).catch(() => [] as string[])) {
    const dir = path.join(versions, entry);
    if (dir === current) continue;
    const owner = VERSION_NAME.exec(entry);
    if (owner == null || owner[1] !== HOST_TAG) continue;
    const pid = Number(owner[2]);
    if (pid === process.pid || !processAlive(pid)) await fs.rm(dir, { recursive: true, force: true });
  }
}

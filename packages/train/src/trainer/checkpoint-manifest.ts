/**
 * Checksums of a checkpoint's files: manifest.json, written last into a checkpoint directory, records the
 * size and sha256 of every other file. A resumed run verifies each file against it, so a truncated,
 * odd-sized or altered file is refused with one line naming the run directory, never loaded into a model.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { TrainError } from './errors';

export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'scaling-lab-checkpoint/1';

interface FileEntry {
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly format: typeof FORMAT;
  readonly files: Readonly<Record<string, FileEntry>>;
}

/** A checkpoint that cannot be trusted; the fix is to train the run again from scratch. */
export class CorruptCheckpointError extends TrainError {
  constructor(
    readonly runDir: string,
    detail: string,
  ) {
    super(`the checkpoint in ${runDir} is damaged (${detail}); rerun with --restart to train this run from scratch`);
    this.name = 'CorruptCheckpointError';
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function makeManifest(files: Readonly<Record<string, Uint8Array>>): Manifest {
  return {
    format: FORMAT,
    files: Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [name, { bytes: bytes.byteLength, sha256: sha256(bytes) }]),
    ),
  };
}

/** Parses manifest.json's text; throws CorruptCheckpointError (naming `runDir`) when it is not one. */
export function parseManifest(text: string, runDir: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptCheckpointError(runDir, `${MANIFEST_FILE} is not valid JSON`);
  }
  const m = value as Partial<Manifest> | null;
  const entries = m && typeof m.files === 'object' && m.files !== null ? Object.values(m.files) : null;
  if (
    m?.format !== FORMAT ||
    entries == null ||
    entries.some((e) => typeof e?.bytes !== 'number' || typeof e?.sha256 !== 'string')
  ) {
    throw new CorruptCheckpointError(runDir, `${MANIFEST_FILE} is not a checkpoint manifest`);
  }
  return m as Manifest;
}

/** Checks one file's bytes against its manifest entry; throws CorruptCheckpointError on any difference. */
export function verifyFile(manifest: Manifest, name: string, bytes: Uint8Array, runDir: string): void {
  const entry = manifest.files[name];
  if (entry === undefined) throw new CorruptCheckpointError(runDir, `${MANIFEST_FILE} does not list ${name}`);
  if (bytes.byteLength !== entry.bytes) {
    throw new CorruptCheckpointError(
      runDir,
      `${path.basename(name)} is ${bytes.byteLength} bytes, ${MANIFEST_FILE} says ${entry.bytes}`,
    );
  }
  if (sha256(bytes) !== entry.sha256)
    throw new CorruptCheckpointError(runDir, `${name} does not match its sha256 in ${MANIFEST_FILE}`);
}

/**
 * Output-directory checks: a report directory that cannot be created or written becomes one Error with a
 * one-line message naming the directory and the fix, which the CLI prints as is (docs/architecture.md "CLI and
 * errors": errors speak the user's language). Probing with a real write also catches read-only mounts, where
 * permission bits lie.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  describeWriteFailure,
  ensureDir,
  errnoCode,
  FileWriteError,
  isWriteFailure,
  tempPathFor,
} from '@scaling-lab/core';

/** The option that names the reports directory, quoted in the fix. */
export const REPORTS_OPTION = '--reports';

export class OutputDirError extends Error {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputDirError';
  }
}

const PATH_ERRORS = new Set(['ENOTDIR', 'EEXIST', 'EISDIR']);

export function isWriteError(err: unknown): boolean {
  const code = errnoCode(err);
  return err instanceof FileWriteError || isWriteFailure(err) || (code !== undefined && PATH_ERRORS.has(code));
}

/** One line for a failed write of `target` (a file in `dir`): what, where, and the fix. */
export function outputDirMessage(err: unknown, dir: string, target: string): string {
  if (isWriteFailure(err)) return describeWriteFailure(err, target, REPORTS_OPTION);
  const code = errnoCode(err);
  const reason =
    code === 'EISDIR'
      ? 'a directory stands where a file should be written'
      : code !== undefined && PATH_ERRORS.has(code)
        ? 'a path component is a file, not a directory'
        : err instanceof Error
          ? err.message.split('\n')[0]
          : String(err);
  return `cannot write reports to ${dir}: ${reason}; choose another ${REPORTS_OPTION} directory`;
}

/** Create `dir` if needed and prove a file can be written there; throws OutputDirError otherwise. */
export async function ensureWritableDir(dir: string): Promise<void> {
  const abs = path.resolve(dir);
  const probe = tempPathFor(path.join(abs, 'write-probe'));
  try {
    await ensureDir(abs);
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  } catch (err) {
    await fs.rm(probe, { force: true }).catch(() => undefined);
    // A failed mkdir names the directory it could not make; a failed probe write names the probe.
    throw new OutputDirError(abs, outputDirMessage(err, abs, (err as NodeJS.ErrnoException).path ?? probe));
  }
}

/** Run a write step; turn filesystem write failures into OutputDirError naming `dir`. */
export async function withOutputDir<T>(dir: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof OutputDirError || !isWriteError(err)) throw err;
    const abs = path.resolve(dir);
    const target = err instanceof FileWriteError ? err.target : ((err as NodeJS.ErrnoException).path ?? abs);
    throw new OutputDirError(abs, outputDirMessage(err, abs, target));
  }
}

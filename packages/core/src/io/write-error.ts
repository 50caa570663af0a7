/**
 * Filesystem write failures in the user's words: what failed, where, and the fix, in one line. A read-only
 * mount or a full disk otherwise surfaces as a bare "EROFS"/"ENOSPC" (often naming a temp file or no path).
 */
import * as path from 'node:path';

const READ_ONLY = new Set(['EROFS']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM']);
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

export class FileWriteError extends Error {
  constructor(
    message: string,
    /** The errno code of the failure (EROFS, ENOSPC, ...). */
    readonly code: string | undefined,
    /** The file or directory being written. */
    readonly target: string,
  ) {
    super(message);
    this.name = 'FileWriteError';
  }
}

export function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** True for the failures a user fixes by pointing the output elsewhere (or freeing space). */
export function isWriteFailure(err: unknown): boolean {
  const code = errnoCode(err);
  return code !== undefined && (READ_ONLY.has(code) || NOT_WRITABLE.has(code) || DISK_FULL.has(code));
}

/**
 * One line for a failed write of `target`; `where` names the directory option the user can change
 * (e.g. "--reports"), or is omitted for a generic "another directory".
 */
export function describeWriteFailure(err: unknown, target: string, where?: string): string {
  const code = errnoCode(err);
  const dir = path.dirname(path.resolve(target));
  const another = where ? `choose another ${where} directory` : 'choose another directory';
  if (code !== undefined && READ_ONLY.has(code)) return `${dir} is read-only (read-only file system): ${another}`;
  if (code !== undefined && NOT_WRITABLE.has(code)) return `${dir} is not writable (permission denied): ${another}`;
  if (code !== undefined && DISK_FULL.has(code))
    return `disk full while writing ${path.resolve(target)}: free space or ${another}`;
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return `cannot write ${path.resolve(target)}: ${reason}`;
}

/** `err` as a FileWriteError naming `target` when it is a write failure the user can fix; else unchanged. */
export function asWriteError(err: unknown, target: string, where?: string): unknown {
  if (err instanceof FileWriteError || !isWriteFailure(err)) return err;
  return new FileWriteError(describeWriteFailure(err, target, where), errnoCode(err), path.resolve(target));
}

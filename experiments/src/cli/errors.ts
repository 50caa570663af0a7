/**
 * CLI error handling (docs/architecture.md "CLI and errors"): every failure is one line on stderr, exit 2 for bad
 * usage and 1 for failures at run time, and never a stack trace unless SCALING_LAB_DEBUG is set.
 */
import { describeWriteFailure, isWriteFailure } from '@scaling-lab/core';

/** Bad flags or values: the user can fix the command line. Exit code 2. */
export class UsageError extends Error {}

/** Something failed while running a valid command (missing data, a full disk...). Exit code 1. */
export class RunError extends Error {}

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A read-only or full file system met during the work: what failed, where, and the fix (not a bare "ENOSPC"). */
function describeFsFailure(error: unknown): string | null {
  const path = (error as NodeJS.ErrnoException).path;
  if (!(error instanceof Error) || !isWriteFailure(error) || path === undefined) return null;
  return describeWriteFailure(error, path);
}

/** Prints an error as one line and returns the exit code it deserves. */
export function reportError(error: unknown, write: (line: string) => void = (l) => process.stderr.write(l)): number {
  const message = describeFsFailure(error) ?? (error instanceof Error ? error.message : String(error));
  write(`scaling-lab: error: ${message.split('\n')[0]}\n`);
  if (process.env.SCALING_LAB_DEBUG && error instanceof Error && error.stack) write(`${error.stack}\n`);
  if (error instanceof UsageError) return EXIT_USAGE;
  if (error instanceof Error && isUsageLike(error)) return EXIT_USAGE;
  return EXIT_FAILURE;
}

/** Errors from other packages that mean "bad input", e.g. an unknown backbone id. */
function isUsageLike(error: Error): boolean {
  return error.name === 'UnknownBackboneError' || (error as { usage?: boolean }).usage === true;
}

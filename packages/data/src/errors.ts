/**
 * The one error type of the data package. Its message is a single line meant for the user as-is: it names
 * the file or directory involved and, where there is one, the fix (docs/architecture.md "CLI and errors": errors
 * are one line).
 */
export class DataError extends Error {
  constructor(message: string) {
    // Multi-line causes (e.g. from zlib or a decoder) are folded so the CLI can print the message verbatim.
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'DataError';
  }
}

/** A short reason from an unknown thrown value, for embedding in a DataError message. */
export function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Error types of the trainer. Messages are one line meant for the user as-is (docs/architecture.md "CLI and
 * errors": errors are one line); `usage` marks errors the user fixes on the command line (the CLI exits 2 for
 * those, 1 else).
 */

export class TrainError extends Error {
  /** True when the fix is a different flag or value (exit code 2 in the CLI). */
  readonly usage: boolean;

  constructor(message: string, options: { usage?: boolean } = {}) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'TrainError';
    this.usage = options.usage === true;
  }
}

/** The loss became NaN or ±Inf: training stops, the last good checkpoint stays in place. */
export class NonFiniteLossError extends TrainError {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteLossError';
  }
}

/**
 * Matches the ways an exhausted wasm heap surfaces (emscripten abort, failed Memory.grow, malloc). tfjs-wasm
 * does not check malloc's result, so a failed allocation in its 4 GiB heap usually surfaces as the first write
 * through the null pointer: "memory access out of bounds" (seen training ResNet-50 at 224 px, batch 512).
 */
const WASM_OOM =
  /\bOOM\b|out of memory|Memory\.grow|Cannot enlarge memory|Maximum memory size|Array buffer allocation failed|memory access out of bounds/i;

export function isOutOfMemory(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return WASM_OOM.test(message);
}

/** A short reason from any thrown value, folded to one line. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

/** `--shard i/n`: a deterministic slice of a sweep, so a job array can split it across machines. */
import { UsageError } from '../cli/errors';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(raw: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 <= i <= n, got '${raw}' (e.g. --shard 1/4)`);
  }
  return { index, count };
}

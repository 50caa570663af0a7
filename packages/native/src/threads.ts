/**
 * How many OpenMP threads each oneDNN kernel may use. A sweep running several trainers side by side gives
 * each one thread (SCALING_LAB_THREADS=1): OpenMP teams competing for the same cores spin-wait on each
 * other and run several times slower. A lone run uses every core.
 */
import * as os from 'node:os';

export const THREADS_ENV = 'SCALING_LAB_THREADS';

export const MAX_THREADS = 1024;

/** The thread count from SCALING_LAB_THREADS, or every core when it is unset. Throws on a bad value. */
export function threadsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[THREADS_ENV];
  if (raw == null || raw.trim() === '') return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new Error(
      `${THREADS_ENV} must be a whole number from 1 to ${MAX_THREADS}, got '${raw}'; unset it to use every core`,
    );
  }
  return n;
}

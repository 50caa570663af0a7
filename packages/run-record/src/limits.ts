/**
 * Bounds of every value a run record may hold. They sit far beyond any sensible run and exist to catch
 * typos (`epochs 1e9`, `batchSize 5000`) at the boundary — CLI flags, config files, spec files — before
 * anything trains. The CLI, the config-file reader and the schemas all read them from here.
 */
export const LIMITS = {
  epochs: { min: 1, max: 10_000 },
  batchSize: { min: 1, max: 4096 },
  /** Exclusive lower bound 0. */
  learningRate: { max: 100 },
  labelSmoothing: { min: 0, max: 0.999 },
  weightDecay: { min: 0, max: 1 },
  /** Multipliers of depth, width and resolution: far beyond the paper's B7 (width 2, depth 3.1). */
  multiplier: { max: 16 },
  /** Input size in pixels. */
  resolution: { min: 8, max: 4096 },
  phi: { min: -8, max: 8 },
  coefficient: { max: 4 },
  limit: { min: 1, max: 100_000_000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/**
 * Reproducible runs. tfjs has no global seed: its random ops without an explicit seed seed themselves from
 * `Math.random()` (tfjs-core rand_util), and tfjs-layers initializers and Dropout pass no seed. So a run
 * swaps `Math.random` for a seeded generator while it builds the model (initial weights) and during each
 * epoch (dropout masks), re-derived from (seed, epoch): a resumed run draws what an unbroken one would have.
 * Data order and augmentation are seeded separately by the data package (shuffleSeed per epoch).
 */
import { deriveSeed, mulberry32 } from '@scaling-lab/data';

/** Stream tags keeping the seeded sequences of one run independent of each other. */
export const SEED_STREAMS = { init: 1, epoch: 2, shuffle: 3 } as const;

/** Runs `body` with Math.random replaced by a generator seeded from `seed`; restores it afterwards. */
export async function withSeededRandom<T>(seed: number, body: () => Promise<T> | T): Promise<T> {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return await body();
  } finally {
    Math.random = original;
  }
}

export function initSeed(runSeed: number): number {
  return deriveSeed(runSeed, SEED_STREAMS.init);
}

/** The seed of an epoch's dropout/random-op stream. */
export function epochSeed(runSeed: number, epoch: number): number {
  return deriveSeed(deriveSeed(runSeed, SEED_STREAMS.epoch), epoch);
}

/** The data package's shuffle (and augmentation) seed for an epoch: a fresh order every epoch. */
export function shuffleSeed(runSeed: number, epoch: number): number {
  return deriveSeed(deriveSeed(runSeed, SEED_STREAMS.shuffle), epoch);
}

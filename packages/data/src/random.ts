/**
 * Seeded randomness for shuffling, hold-out splits, augmentation and synthetic data, so a run is a pure
 * function of its seed. mulberry32 is Tommy Ettinger's public-domain 32-bit generator: tiny, fast and
 * plenty for data order (not for cryptography).
 */

/** A generator of floats uniform in [0, 1). */
export type Rng = () => number;

/** mulberry32 seeded with the low 32 bits of `seed`. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent stream seed from a base seed and a purpose tag, so e.g. the shuffle and the
 * augmentation of one run do not draw from the same sequence.
 */
export function deriveSeed(seed: number, stream: number): number {
  // One mulberry32 step mixes the bits of (seed, stream) well enough to decorrelate the two streams.
  return Math.floor(mulberry32((seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0)() * 4294967296);
}

/** Integer uniform in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Standard normal sample (Box-Muller). */
export function randomNormal(rng: Rng): number {
  const u = 1 - rng(); // in (0, 1], so log(u) is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Shuffles `values` in place (Fisher-Yates) and returns it. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(values: T, rng: Rng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

/** 0..n-1 in an order determined by `seed`. */
export function permutation(n: number, seed: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return shuffleInPlace(order, mulberry32(seed));
}

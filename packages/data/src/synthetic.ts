/**
 * A small synthetic dataset for tests and smoke runs: each class is a bright Gaussian blob at its own place
 * on a circle (and, with 3 channels, its own tint), drawn with random brightness, a 1-pixel jitter and
 * pixel noise. Classes are separable by position, so a tiny net beats chance within a few steps.
 */
import type { Channels, Dataset, RawSplit } from './dataset';
import { DataError } from './errors';
import { InMemoryDataset } from './in-memory';
import { deriveSeed, mulberry32, permutation, randomInt, randomNormal, type Rng } from './random';

export interface SyntheticOptions {
  readonly numClasses: number;
  /** Side length of the square images. */
  readonly size: number;
  readonly channels: Channels;
  readonly trainSize: number;
  readonly testSize: number;
  readonly seed: number;
}

/** Pixel levels on the uint8 scale: dark background, bright blob, and noise strong enough to matter. */
const BACKGROUND = 40;
const BLOB_PEAK = 170;
const NOISE_STD = 20;

interface ClassPattern {
  readonly cy: number;
  readonly cx: number;
  readonly tint: readonly number[];
}

function classPatterns(options: SyntheticOptions): ClassPattern[] {
  const { numClasses, size, channels } = options;
  const radius = 0.28 * size;
  return Array.from({ length: numClasses }, (_, k) => {
    const angle = (2 * Math.PI * k) / numClasses;
    // Tints cycle through channel mixes so colour alone also separates neighbouring classes.
    const tint = channels === 1 ? [1] : [0, 1, 2].map((c) => 0.4 + 0.6 * Math.abs(Math.cos(angle + (c * Math.PI) / 3)));
    return { cy: (size - 1) / 2 + radius * Math.sin(angle), cx: (size - 1) / 2 + radius * Math.cos(angle), tint };
  });
}

function drawSplit(
  options: SyntheticOptions,
  patterns: ClassPattern[],
  count: number,
  rng: Rng,
  orderSeed: number,
): RawSplit {
  const { size, channels, numClasses } = options;
  const sigma = Math.max(1, 0.14 * size);
  const pixels = size * size * channels;
  const images = new Uint8Array(count * pixels);
  const labels = new Int32Array(count);
  // Balanced classes in a seeded order, so any prefix (a `limit`) still mixes classes.
  const order = permutation(count, orderSeed);
  for (let i = 0; i < count; i++) {
    const label = order[i] % numClasses;
    labels[i] = label;
    const p = patterns[label];
    const cy = p.cy + randomInt(rng, 3) - 1;
    const cx = p.cx + randomInt(rng, 3) - 1;
    const brightness = 0.7 + 0.3 * rng();
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const blob = Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * sigma * sigma));
        for (let c = 0; c < channels; c++) {
          const v = BACKGROUND + BLOB_PEAK * brightness * p.tint[c] * blob + NOISE_STD * randomNormal(rng);
          images[i * pixels + (y * size + x) * channels + c] = Math.min(255, Math.max(0, Math.round(v)));
        }
      }
    }
  }
  return { images, labels };
}

export function syntheticDataset(options: SyntheticOptions): Dataset {
  const { numClasses, size, channels, trainSize, testSize, seed } = options;
  if (!(Number.isInteger(numClasses) && numClasses >= 2))
    throw new DataError(`numClasses must be an integer ≥ 2 (got ${numClasses})`);
  if (channels !== 1 && channels !== 3) throw new DataError(`channels must be 1 or 3 (got ${channels})`);
  if (!(Number.isInteger(size) && size >= 4)) throw new DataError(`size must be an integer ≥ 4 (got ${size})`);
  if (!(Number.isInteger(trainSize) && trainSize > 0))
    throw new DataError(`trainSize must be a positive integer (got ${trainSize})`);
  if (!(Number.isInteger(testSize) && testSize >= 0))
    throw new DataError(`testSize must be a non-negative integer (got ${testSize})`);
  const patterns = classPatterns(options);
  return new InMemoryDataset({
    name: `synthetic-${numClasses}c-${size}px-${channels}ch`,
    classNames: Array.from({ length: numClasses }, (_, k) => `class${k}`),
    imageSize: { height: size, width: size },
    channels,
    train: drawSplit(options, patterns, trainSize, mulberry32(deriveSeed(seed, 10)), deriveSeed(seed, 11)),
    test: drawSplit(options, patterns, testSize, mulberry32(deriveSeed(seed, 20)), deriveSeed(seed, 21)),
  });
}

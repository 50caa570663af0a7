import * as tf from '@tensorflow/tfjs';
import { numBatches } from './batches';
import type { Batch, BatchOptions, Dataset, Split } from './dataset';
import { DataError } from './errors';
import { computeChannelStats, LUMA_WEIGHTS } from './stats';
import { syntheticDataset } from './synthetic';
import { handDataset } from '../testing/fixtures';

/** Reads every batch into plain arrays and disposes its tensors. */
function collect(ds: Dataset, split: Split, options: BatchOptions) {
  const out: { shape: number[]; xs: Float32Array; ys: number[][]; labels: number[] }[] = [];
  for (const batch of ds.batches(split, options)) {
    out.push({
      shape: batch.xs.shape,
      xs: batch.xs.dataSync() as Float32Array,
      ys: batch.ys.arraySync(),
      labels: Array.from(batch.labels),
    });
    batch.dispose();
  }
  return out;
}
const allLabels = (batches: { labels: number[] }[]) => batches.flatMap((b) => b.labels);

describe('batches', () => {
  // 37 images, 7 classes, 6×6 grey; pixel values depend on image index and position.
  const grey = handDataset({
    count: 37,
    testCount: 11,
    size: 6,
    channels: 1,
    numClasses: 7,
    pixel: (i, y, x) => (i * 17 + y * 31 + x * 5) % 256,
  });

  it('yields NHWC float32 images and one-hot float32 labels, with a final partial batch', () => {
    const batches = collect(grey, 'train', { batchSize: 16 });
    expect(batches.map((b) => b.shape)).toEqual([
      [16, 6, 6, 1],
      [16, 6, 6, 1],
      [5, 6, 6, 1],
    ]);
    for (const b of batches) {
      b.ys.forEach((row, i) => {
        expect(row).toHaveLength(7);
        expect(row.reduce((s, v) => s + v, 0)).toBe(1);
        expect(row[b.labels[i]]).toBe(1);
      });
    }
    expect(allLabels(batches)).toEqual(Array.from(grey.raw('train').labels));
    const first = grey.batches('train', { batchSize: 4 }).next().value as Batch;
    expect([first.xs.dtype, first.ys.dtype]).toEqual(['float32', 'float32']);
    first.dispose();
  });

  it('counts batches like the iterator yields them, honouring limit and dropRemainder', () => {
    const cases: BatchOptions[] = [
      { batchSize: 16 },
      { batchSize: 16, dropRemainder: true },
      { batchSize: 5, limit: 12 },
      { batchSize: 64, limit: 1000 },
    ];
    for (const options of cases) {
      expect(numBatches(grey, 'train', options)).toBe(collect(grey, 'train', options).length);
    }
    expect(numBatches(grey, 'train', { batchSize: 16 })).toBe(3);
    expect(numBatches(grey, 'train', { batchSize: 16, dropRemainder: true })).toBe(2);
    expect(numBatches(grey, 'test', { batchSize: 5, limit: 7 })).toBe(2);
  });

  it('shuffles deterministically per seed, differently across seeds, within the limited subset', () => {
    const ds = syntheticDataset({ numClasses: 10, size: 4, channels: 1, trainSize: 200, testSize: 10, seed: 3 });
    const order = (seed: number | undefined, limit?: number) => {
      const batches = collect(ds, 'train', { batchSize: 32, shuffleSeed: seed, limit });
      return { labels: allLabels(batches), first: Array.from(batches[0].xs.subarray(0, 16)) };
    };
    const a = order(1);
    expect(order(1)).toEqual(a);
    const b = order(2);
    expect(b.labels).not.toEqual(a.labels);
    // Same multiset of images, only reordered.
    expect([...b.labels].sort()).toEqual([...a.labels].sort());
    expect(order(undefined).labels).toEqual(Array.from(ds.raw('train').labels));
    // limit picks a fixed subset (the first 50), and the shuffle permutes inside it.
    const limited = order(9, 50).labels;
    expect(limited).toHaveLength(50);
    expect([...limited].sort()).toEqual(Array.from(ds.raw('train').labels.subarray(0, 50)).sort());
    expect(limited).not.toEqual(Array.from(ds.raw('train').labels.subarray(0, 50)));
  });

  it('never shuffles or augments the test split', () => {
    const plain = collect(grey, 'test', { batchSize: 4 });
    const asked = collect(grey, 'test', { batchSize: 4, shuffleSeed: 5, augment: { flip: true, crop: 2 } });
    expect(asked).toEqual(plain);
  });

  it('normalizes with the train split statistics to mean 0 and std 1 per channel', () => {
    const ds = syntheticDataset({ numClasses: 3, size: 5, channels: 3, trainSize: 40, testSize: 5, seed: 1 });
    const images = ds.raw('train').images;
    // Independent computation of the statistics over the stored uint8 pixels.
    for (let c = 0; c < 3; c++) {
      const values = Array.from(images.filter((_, i) => i % 3 === c)).map((v) => v / 255);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
      expect(ds.stats.mean[c]).toBeCloseTo(mean, 10);
      expect(ds.stats.std[c]).toBeCloseTo(std, 10);
    }
    const xs = collect(ds, 'train', { batchSize: 16 }).flatMap((b) => Array.from(b.xs));
    for (let c = 0; c < 3; c++) {
      const channel = xs.filter((_, i) => i % 3 === c);
      const mean = channel.reduce((s, v) => s + v, 0) / channel.length;
      const variance = channel.reduce((s, v) => s + (v - mean) ** 2, 0) / channel.length;
      expect(mean).toBeCloseTo(0, 4);
      expect(Math.sqrt(variance)).toBeCloseTo(1, 4);
    }
    // The test split uses the train statistics: its first pixel is (raw/255 − train mean)/train std.
    const testX = collect(ds, 'test', { batchSize: 5 })[0].xs;
    expect(testX[0]).toBeCloseTo((ds.raw('test').images[0] / 255 - ds.stats.mean[0]) / ds.stats.std[0], 4);
  });

  it('downscales by averaging the native pixels each output pixel covers', () => {
    // 6 → 4 px: output pixel o covers native [1.5·o, 1.5·(o+1)), so each axis mixes pixels by their overlap.
    const [small] = collect(grey, 'train', { batchSize: 2, limit: 2, resolution: 4 });
    const [native] = collect(grey, 'train', { batchSize: 2, limit: 2 });
    expect(small.shape).toEqual([2, 4, 4, 1]);
    const covers: [number, number][][] = [
      [
        [0, 2 / 3],
        [1, 1 / 3],
      ],
      [
        [1, 1 / 3],
        [2, 2 / 3],
      ],
      [
        [3, 2 / 3],
        [4, 1 / 3],
      ],
      [
        [4, 1 / 3],
        [5, 2 / 3],
      ],
    ];
    for (let i = 0; i < 2; i++) {
      for (let y = 0; y < 4; y++) {
        for (let x = 0; x < 4; x++) {
          let expected = 0;
          for (const [sy, wy] of covers[y])
            for (const [sx, wx] of covers[x]) expected += wy * wx * native.xs[i * 36 + sy * 6 + sx];
          expect(small.xs[i * 16 + y * 4 + x]).toBeCloseTo(expected, 4);
        }
      }
    }
  });

  it('resizes bilinearly to the run resolution and replicates grey to 3 channels', () => {
    const [b] = collect(grey, 'train', { batchSize: 3, limit: 3, resolution: 12, channels: 3 });
    expect(b.shape).toEqual([3, 12, 12, 3]);
    for (let i = 0; i < b.xs.length; i += 3) {
      expect(b.xs[i + 1]).toBe(b.xs[i]);
      expect(b.xs[i + 2]).toBe(b.xs[i]);
    }
    // Grey channel equals tf's bilinear resize (half-pixel centres) of the normalized native image.
    const [native] = collect(grey, 'train', { batchSize: 3, limit: 3 });
    const expected = tf.tidy(() =>
      tf.image.resizeBilinear(tf.tensor4d(native.xs, [3, 6, 6, 1]), [12, 12], false, true).dataSync(),
    );
    const greyChannel = b.xs.filter((_, i) => i % 3 === 0);
    greyChannel.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    // Upsampling 2×: the value between two native pixels lies between them.
    const lo = Math.min(native.xs[0], native.xs[1]);
    const hi = Math.max(native.xs[0], native.xs[1]);
    expect(greyChannel[2]).toBeGreaterThanOrEqual(lo - 1e-6);
    expect(greyChannel[2]).toBeLessThanOrEqual(hi + 1e-6);
  });

  it('reduces colour to BT.601 luma when one channel is asked for', () => {
    const rgb = handDataset({
      count: 4,
      size: 3,
      channels: 3,
      numClasses: 2,
      pixel: (i, y, x, c) => (i * 40 + y * 20 + x * 7 + c * 60) % 256,
    });
    const [b] = collect(rgb, 'train', { batchSize: 4, channels: 1 });
    expect(b.shape).toEqual([4, 3, 3, 1]);
    const raw = rgb.raw('train').images;
    const luma = Array.from(
      { length: raw.length / 3 },
      (_, p) => LUMA_WEIGHTS[0] * raw[3 * p] + LUMA_WEIGHTS[1] * raw[3 * p + 1] + LUMA_WEIGHTS[2] * raw[3 * p + 2],
    );
    const mean = luma.reduce((s, v) => s + v, 0) / luma.length;
    const std = Math.sqrt(luma.reduce((s, v) => s + (v - mean) ** 2, 0) / luma.length);
    b.xs.forEach((v, p) => expect(v).toBeCloseTo((luma[p] - mean) / std, 4));
  });

  it('flips about half the images exactly left-right and leaves the rest untouched', () => {
    const plain = collect(grey, 'train', { batchSize: 37, shuffleSeed: 4 })[0];
    const flipped = collect(grey, 'train', { batchSize: 37, shuffleSeed: 4, augment: { flip: true } })[0];
    expect(flipped.labels).toEqual(plain.labels);
    const image = (xs: Float32Array, i: number) =>
      Array.from({ length: 6 }, (_, y) => Array.from(xs.subarray(i * 36 + y * 6, i * 36 + y * 6 + 6)));
    let mirrored = 0;
    for (let i = 0; i < 37; i++) {
      const before = image(plain.xs, i);
      const after = image(flipped.xs, i);
      const mirror = before.map((row) => [...row].reverse());
      if (JSON.stringify(after) === JSON.stringify(mirror)) mirrored++;
      else expect(after).toEqual(before);
    }
    expect(mirrored).toBeGreaterThan(5);
    expect(mirrored).toBeLessThan(32);
    // Same seed, same flips.
    expect(collect(grey, 'train', { batchSize: 37, shuffleSeed: 4, augment: { flip: true } })[0].xs).toEqual(
      flipped.xs,
    );
  });

  it('pad-and-crop shifts each image by at most `crop` pixels, filling with black', () => {
    const crop = 2;
    const raw = grey.raw('train').images;
    const blackValue = (0 - grey.stats.mean[0]) / grey.stats.std[0];
    const normalized = (v: number) => (v / 255 - grey.stats.mean[0]) / grey.stats.std[0];
    const [b] = collect(grey, 'train', { batchSize: 37, augment: { crop } });
    const shifts = new Set<string>();
    for (let i = 0; i < 37; i++) {
      const out = b.xs.subarray(i * 36, (i + 1) * 36);
      const matches: string[] = [];
      for (let dy = -crop; dy <= crop; dy++) {
        for (let dx = -crop; dx <= crop; dx++) {
          let ok = true;
          for (let y = 0; y < 6 && ok; y++) {
            for (let x = 0; x < 6 && ok; x++) {
              const sy = y + dy;
              const sx = x + dx;
              const want = sy < 0 || sy >= 6 || sx < 0 || sx >= 6 ? blackValue : normalized(raw[i * 36 + sy * 6 + sx]);
              ok = Math.abs(out[y * 6 + x] - want) < 1e-4;
            }
          }
          if (ok) matches.push(`${dy},${dx}`);
        }
      }
      expect(matches).toHaveLength(1);
      shifts.add(matches[0]);
    }
    expect(shifts.size).toBeGreaterThan(5);
  });

  it('keeps the number of live tensors flat while iterating an epoch', () => {
    const ds = syntheticDataset({ numClasses: 4, size: 8, channels: 1, trainSize: 300, testSize: 20, seed: 2 });
    const before = tf.memory().numTensors;
    let peak = before;
    for (const batch of ds.batches('train', {
      batchSize: 32,
      resolution: 16,
      channels: 3,
      shuffleSeed: 1,
      augment: { flip: true, crop: 1 },
    })) {
      peak = Math.max(peak, tf.memory().numTensors);
      batch.dispose();
    }
    expect(peak).toBe(before + 2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects invalid options with one-line DataErrors', () => {
    const bad: [BatchOptions, RegExp][] = [
      [{ batchSize: 0 }, /batchSize must be a positive integer \(got 0\)/],
      [{ batchSize: 8, resolution: 10.5 }, /resolution must be a positive integer/],
      [{ batchSize: 8, limit: -1 }, /limit must be a positive integer/],
      [{ batchSize: 8, shuffleSeed: 1.5 }, /shuffleSeed must be an integer \(got 1.5\)/],
      [{ batchSize: 8, channels: 2 as 1 }, /channels must be 1 or 3 \(got 2\)/],
      [{ batchSize: 8, augment: { crop: 6 } }, /augment.crop must be an integer from 0 to 5/],
    ];
    for (const [options, message] of bad) {
      expect(() => grey.batches('train', options)).toThrow(DataError);
      expect(() => grey.batches('train', options)).toThrow(message);
    }
  });

  it('computes statistics of a constant channel without dividing by zero', () => {
    expect(computeChannelStats(new Uint8Array([51, 51, 51, 51]), 1)).toEqual({ mean: [0.2], std: [1] });
  });
});

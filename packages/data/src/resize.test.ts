import * as tf from '@tensorflow/tfjs';
import { areaWeights, resizeArea, resizeToSquare } from './resize';

/** Runs `fn` on an NHWC tensor built from `values` and returns the result's shape and values. */
function run(values: number[], shape: [number, number, number, number], fn: (x: tf.Tensor4D) => tf.Tensor4D) {
  return tf.tidy(() => {
    const y = fn(tf.tensor4d(values, shape));
    return { shape: y.shape, values: Array.from(y.dataSync()) };
  });
}

describe('areaWeights', () => {
  it('gives each output pixel the overlap of every source pixel, rows summing to 1', () => {
    // 3 → 2: output 0 covers [0, 1.5): pixel 0 whole, half of pixel 1.
    expect(Array.from(areaWeights(3, 2))).toEqual([2 / 3, 1 / 3, 0, 0, 1 / 3, 2 / 3].map(Math.fround));
    const w = areaWeights(28, 16);
    for (let o = 0; o < 16; o++) {
      const row = w.subarray(o * 28, (o + 1) * 28);
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    }
  });

  it('rejects growing and non-whole sizes', () => {
    expect(() => areaWeights(4, 8)).toThrow(/1 <= out <= in/);
    expect(() => areaWeights(4, 1.5)).toThrow(/in=4 out=1.5/);
  });
});

describe('resizeArea', () => {
  it('averages whole 2×2 blocks per channel when halving', () => {
    // One 4×4 image, 2 channels: channel 0 counts 0..15, channel 1 is its negative.
    const values = Array.from({ length: 16 }, (_, i) => [i, -i]).flat();
    const { shape, values: out } = run(values, [1, 4, 4, 2], (x) => resizeArea(x, [2, 2]));
    expect(shape).toEqual([1, 2, 2, 2]);
    const blocks = [(0 + 1 + 4 + 5) / 4, (2 + 3 + 6 + 7) / 4, (8 + 9 + 12 + 13) / 4, (10 + 11 + 14 + 15) / 4];
    expect(out.filter((_, i) => i % 2 === 0)).toEqual(blocks);
    expect(out.filter((_, i) => i % 2 === 1)).toEqual(blocks.map((v) => -v));
  });

  it('keeps a fine stripe pattern as its mean, where bilinear sampling aliases it', () => {
    // Columns alternate 0/1 across a 28-wide image; 28 → 16 should give about 0.5 everywhere.
    const values = Array.from({ length: 28 * 28 }, (_, i) => (i % 28) % 2);
    const area = run(values, [1, 28, 28, 1], (x) => resizeArea(x, [16, 16])).values;
    area.forEach((v) => expect(Math.abs(v - 0.5)).toBeLessThanOrEqual(0.25 + 1e-6));
    expect(area.reduce((s, v) => s + v, 0) / area.length).toBeCloseTo(0.5, 5);
    const bilinear = run(values, [1, 28, 28, 1], (x) => tf.image.resizeBilinear(x, [16, 16], false, true)).values;
    expect(Math.max(...bilinear.map((v) => Math.abs(v - 0.5)))).toBeGreaterThan(0.25);
  });
});

describe('resizeToSquare', () => {
  it('area-averages down, leaves the native size alone and interpolates bilinearly up', () => {
    const values = Array.from({ length: 16 }, (_, i) => i);
    expect(run(values, [1, 4, 4, 1], (x) => resizeToSquare(x, 4)).values).toEqual(values);
    expect(run(values, [1, 4, 4, 1], (x) => resizeToSquare(x, 2)).values).toEqual([2.5, 4.5, 10.5, 12.5]);
    const up = run(values, [1, 4, 4, 1], (x) => resizeToSquare(x, 8)).values;
    const expected = run(values, [1, 4, 4, 1], (x) => tf.image.resizeBilinear(x, [8, 8], false, true)).values;
    expect(up).toEqual(expected);
  });
});

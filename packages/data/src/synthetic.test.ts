import * as tf from '@tensorflow/tfjs';
import { DataError } from './errors';
import { syntheticDataset, type SyntheticOptions } from './synthetic';

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const base: SyntheticOptions = { numClasses: 5, size: 10, channels: 1, trainSize: 400, testSize: 100, seed: 11 };

describe('syntheticDataset', () => {
  it('is a pure function of its options', () => {
    const a = syntheticDataset(base);
    const b = syntheticDataset(base);
    expect(sameBytes(b.raw('train').images, a.raw('train').images)).toBe(true);
    expect(sameBytes(b.raw('test').images, a.raw('test').images)).toBe(true);
    expect(Array.from(b.raw('test').labels)).toEqual(Array.from(a.raw('test').labels));
    expect(sameBytes(syntheticDataset({ ...base, seed: 12 }).raw('train').images, a.raw('train').images)).toBe(false);
  });

  it('has the requested shape and balanced classes in mixed order', () => {
    const ds = syntheticDataset({ ...base, channels: 3 });
    expect([ds.trainSize, ds.testSize, ds.numClasses, ds.channels]).toEqual([400, 100, 5, 3]);
    expect(ds.raw('train').images).toHaveLength(400 * 10 * 10 * 3);
    const counts = new Array(5).fill(0);
    for (const label of ds.raw('train').labels) counts[label]++;
    expect(counts).toEqual([80, 80, 80, 80, 80]);
    // A prefix (what `limit` takes) already holds several classes.
    expect(new Set(ds.raw('train').labels.subarray(0, 10)).size).toBeGreaterThan(2);
  });

  it('is learnable: nearest class mean beats chance by far on the test split', () => {
    const ds = syntheticDataset({ ...base, numClasses: 10 });
    const pixels = 100;
    const { images, labels } = ds.raw('train');
    const means = Array.from({ length: 10 }, () => new Float64Array(pixels));
    const counts = new Array(10).fill(0);
    labels.forEach((label, i) => {
      counts[label]++;
      for (let p = 0; p < pixels; p++) means[label][p] += images[i * pixels + p];
    });
    means.forEach((m, k) => m.forEach((v, p) => (m[p] = v / counts[k])));
    const test = ds.raw('test');
    let correct = 0;
    test.labels.forEach((label, i) => {
      const dist = means.map((m) => m.reduce((s, v, p) => s + (v - test.images[i * pixels + p]) ** 2, 0));
      if (dist.indexOf(Math.min(...dist)) === label) correct++;
    });
    expect(correct / test.labels.length).toBeGreaterThan(0.5); // chance is 0.1
  });

  it('is learnable through the batch pipeline: a linear classifier beats chance in a few steps', async () => {
    const ds = syntheticDataset(base);
    const model = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [10, 10, 1] }),
        tf.layers.dense({ units: base.numClasses, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const batch of ds.batches('train', { batchSize: 32, shuffleSeed: epoch })) {
        await model.trainOnBatch(batch.xs, batch.ys);
        batch.dispose();
      }
    }
    let correct = 0;
    for (const batch of ds.batches('test', { batchSize: 50 })) {
      const predicted = tf.tidy(() => (model.predict(batch.xs) as tf.Tensor).argMax(-1)).dataSync();
      predicted.forEach((p, i) => (correct += p === batch.labels[i] ? 1 : 0));
      batch.dispose();
    }
    model.dispose();
    expect(correct / ds.testSize).toBeGreaterThan(2 / base.numClasses);
  });

  it('rejects impossible options', () => {
    expect(() => syntheticDataset({ ...base, numClasses: 1 })).toThrow(DataError);
    expect(() => syntheticDataset({ ...base, channels: 2 as 1 })).toThrow(/channels must be 1 or 3/);
    expect(() => syntheticDataset({ ...base, trainSize: 0 })).toThrow(/trainSize must be a positive integer/);
  });
});

// Precise BN replaces lagging moving averages by the mean of per-batch statistics over training batches.
import * as tf from '@tensorflow/tfjs';
import { recomputeBatchNormStats } from './precise-bn';
import { TINY_SIZE, tinyDataset, useWasm } from '../../testing/trainer';

beforeAll(useWasm);

it('sets moving mean/variance to the average of the batch statistics and restores the momentum', () => {
  const input = tf.input({ shape: [TINY_SIZE, TINY_SIZE, 1] });
  const bnLayer = tf.layers.batchNormalization({ name: 'only_bn' });
  const model = tf.model({ inputs: input, outputs: bnLayer.apply(input) as tf.SymbolicTensor });
  // Stale statistics far from the data's (which is normalized to mean 0, std 1): they must be replaced.
  model.setWeights([tf.ones([1]), tf.zeros([1]), tf.fill([1], 5), tf.fill([1], 9)]);
  const data = tinyDataset(96, 8);
  const k = recomputeBatchNormStats(model, data, { batchSize: 32, resolution: TINY_SIZE, channels: 1, seed: 7 });
  expect(k).toBe(3);
  expect((bnLayer as unknown as { momentum: number }).momentum).toBe(0.99);

  // Expected: mean over the same three batches of each batch's mean and (biased) variance.
  let meanSum = 0;
  let varSum = 0;
  for (const b of data.batches('train', {
    batchSize: 32,
    resolution: TINY_SIZE,
    channels: 1,
    shuffleSeed: 7,
    dropRemainder: true,
  })) {
    const { mean, variance } = tf.moments(b.xs);
    meanSum += mean.dataSync()[0];
    varSum += variance.dataSync()[0];
    tf.dispose([mean, variance]);
    b.dispose();
  }
  const [, , movingMean, movingVar] = model.getWeights();
  expect(movingMean.dataSync()[0]).toBeCloseTo(meanSum / 3, 4);
  // tfjs may keep the unbiased variance; with 32·144 values per batch the two differ by < 0.03%.
  expect(movingVar.dataSync()[0]).toBeCloseTo(varSum / 3, 2);
  model.dispose();
});

import * as tf from '@tensorflow/tfjs';
import { crossEntropy, PROBABILITY_EPSILON, smoothLabels } from './loss';
import { addWeightDecay } from './weight-decay';

beforeAll(async () => {
  await tf.setBackend('cpu');
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
});

describe('smoothLabels', () => {
  it('moves ε of the mass to the uniform distribution and keeps rows summing to 1', () => {
    const y = tf.tensor2d([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    const s = smoothLabels(y, 0.2);
    expect(Array.from(s.dataSync())).toEqual(
      [0.05, 0.85, 0.05, 0.05, 0.85, 0.05, 0.05, 0.05].map((v) => expect.closeTo(v, 6)),
    );
    expect(Array.from(tf.sum(s, 1).dataSync())).toEqual([expect.closeTo(1, 6), expect.closeTo(1, 6)]);
    expect(smoothLabels(y, 0)).toBe(y);
  });
});

describe('crossEntropy', () => {
  it('is the batch mean of −log p(true class)', () => {
    const y = tf.tensor2d([
      [0, 1],
      [1, 0],
    ]);
    const p = tf.tensor2d([
      [0.2, 0.8],
      [0.4, 0.6],
    ]);
    expect(crossEntropy(y, p).dataSync()[0]).toBeCloseTo((-Math.log(0.8) - Math.log(0.4)) / 2, 5);
  });

  it('stays finite, with finite gradients, when a probability underflows to 0', () => {
    const y = tf.tensor2d([[1, 0]]);
    const logits = tf.variable(tf.tensor2d([[-200, 200]]));
    const { value, grads } = tf.variableGrads(() => crossEntropy(y, tf.softmax(logits)), [logits]);
    expect(value.dataSync()[0]).toBeCloseTo(-Math.log(PROBABILITY_EPSILON), 3);
    expect(Array.from(grads[logits.name].dataSync()).every(Number.isFinite)).toBe(true);
  });
});

describe('addWeightDecay', () => {
  it('adds λ·w to kernel gradients only (not to biases or batch-norm vectors)', () => {
    const kernel = tf.variable(tf.tensor2d([[2, -4]]));
    const bias = tf.variable(tf.tensor1d([3]));
    const [gk, gb] = addWeightDecay([kernel, bias], [tf.tensor2d([[1, 1]]), tf.tensor1d([1])], 0.5);
    expect(Array.from(gk!.dataSync())).toEqual([2, -1]);
    expect(Array.from(gb!.dataSync())).toEqual([1]);
  });
});

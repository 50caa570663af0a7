// The learning rate set between steps is the one each tf.train optimizer actually applies, and the
// optimizers' first steps match their textbook update rules.
import * as tf from '@tensorflow/tfjs';
import {
  ADAM_EPSILON,
  makeOptimizer,
  OPTIMIZER_KINDS,
  setLearningRate,
  getLearningRate,
  SGD_MOMENTUM,
} from './optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
});

/** One step on w = [1, -2] with gradient g = [0.5, 0.25]; returns the change of w. */
function firstStepDelta(kind: (typeof OPTIMIZER_KINDS)[number], constructRate: number, stepRate: number): number[] {
  const w = tf.variable(tf.tensor1d([1, -2]));
  const optimizer = makeOptimizer(kind, constructRate);
  setLearningRate(optimizer, stepRate);
  optimizer.applyGradients([{ name: w.name, tensor: tf.tensor1d([0.5, 0.25]) }]);
  const after = Array.from(w.dataSync());
  optimizer.dispose();
  w.dispose();
  return [after[0] - 1, after[1] + 2];
}

describe('setLearningRate', () => {
  it.each(OPTIMIZER_KINDS)('%s: a rate set after construction is the one applied', (kind) => {
    const asBuilt = firstStepDelta(kind, 0.1, 0.1);
    const changed = firstStepDelta(kind, 0.1, 0.01);
    // Every update here is linear in the rate, so a 10× smaller rate moves the weights 10× less.
    changed.forEach((d, i) => expect(d).toBeCloseTo(asBuilt[i] / 10, 6));
    expect(Math.abs(asBuilt[0])).toBeGreaterThan(0);
  });

  it('reports the rate it set', () => {
    const o = makeOptimizer('sgd', 0.5);
    setLearningRate(o, 0.125);
    expect(getLearningRate(o)).toBe(0.125);
    o.dispose();
  });
});

describe('first-step update rules', () => {
  it('sgd with momentum: Δw = −lr·g on the first step (the velocity starts at 0)', () => {
    expect(SGD_MOMENTUM).toBe(0.9);
    const [d0, d1] = firstStepDelta('sgd', 0.1, 0.1);
    expect(d0).toBeCloseTo(-0.05, 6);
    expect(d1).toBeCloseTo(-0.025, 6);
  });

  it('adam: Δw ≈ −lr·sign(g) on the first step (bias-corrected moments)', () => {
    const [d0, d1] = firstStepDelta('adam', 0.01, 0.01);
    expect(d0).toBeCloseTo(-0.01 * (0.5 / (0.5 + ADAM_EPSILON)), 5);
    expect(d1).toBeCloseTo(-0.01, 5);
  });

  it('rmsprop: Δw = −lr·g/sqrt((1−ρ)g² + ε) on the first step', () => {
    const [d0] = firstStepDelta('rmsprop', 0.01, 0.01);
    expect(d0).toBeCloseTo((-0.01 * 0.5) / Math.sqrt(0.1 * 0.25 + 1e-3), 5);
  });
});

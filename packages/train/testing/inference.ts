// Helpers for inference-plan tests: batch norms with statistics far from the initial ones (so folding them
// changes the numbers) and a plan-versus-model comparison on one input.
import * as tf from '@tensorflow/tfjs';
import { compileInference, type InferencePlan } from '../src/inference/compile-inference';
import { relError, seeded } from './wasm';

/** Gives every BatchNormalization layer non-trivial gamma, beta, moving mean and (positive) variance. */
export function randomizeBatchNorms(model: tf.LayersModel, seed: number): void {
  model.layers
    .filter((l) => l.getClassName() === 'BatchNormalization')
    .forEach((layer, i) => {
      const values = layer.getWeights().map((w, k) => {
        const v = seeded(w.size, seed + 10 * i + k);
        // Order: gamma, beta, moving mean, moving variance (those present); variances stay positive.
        const positive = k === layer.getWeights().length - 1;
        return tf.tensor(
          v.map((u) => (positive ? 0.5 + u * u : u)),
          w.shape,
        );
      });
      layer.setWeights(values);
      tf.dispose(values);
    });
}

/** The plan's and the model's outputs on a seeded input, and their relative difference. */
export function planVersusModel(
  model: tf.LayersModel,
  batch: number,
  seed = 3,
): { plan: InferencePlan['summary']; error: number; expected: Float32Array } {
  const shape = model.inputs[0].shape.slice(1) as number[];
  const x = tf.tensor(seeded(batch * shape.reduce((a, b) => a * b, 1), seed), [batch, ...shape]);
  const plan = compileInference(model);
  try {
    const expected = tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
    const actual = plan.predict(x);
    const e = expected.dataSync() as Float32Array;
    const error = relError(actual.dataSync(), e);
    tf.dispose([expected, actual]);
    return { plan: plan.summary, error, expected: e };
  } finally {
    plan.dispose();
    x.dispose();
  }
}

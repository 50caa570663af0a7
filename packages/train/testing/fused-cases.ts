// Computations the fused-kernel tests run on several backends and compare: an activation's value and input
// gradient, and a batch-norm layer's training forward, moving statistics and gradients. Shared by the wasm
// tests (src/wasm/fused) and the native ones (src/native).
import * as tf from '@tensorflow/tfjs';
import { seeded } from './wasm';

export const FUSED_SHAPE: [number, number, number, number] = [3, 5, 4, 6];

/** Seeded values in [-scale, scale) of FUSED_SHAPE (or `shape`). */
export const fusedInput = (seed = 1, scale = 4, shape: number[] = FUSED_SHAPE) =>
  tf.tensor(
    seeded(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ).map((v) => v * scale),
    shape,
  );

/** Values of fn's output and of the gradients of sum(output · weights) with respect to each input. */
export function valueAndGrads(fn: (...xs: tf.Tensor[]) => tf.Tensor, inputs: () => tf.Tensor[]): () => tf.Tensor[] {
  return () => {
    const xs = inputs();
    const y = fn(...xs);
    const w = tf.tensor(seeded(y.size, 99), y.shape);
    const grads = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(fn(...a), w)))(xs);
    return [y, ...grads];
  };
}

/** Activations with a fused gradient kernel: label, function, the kernel that computes its gradient. */
export function activationCases(): Array<[string, (x: tf.Tensor) => tf.Tensor, string]> {
  const relu6Layer = () => tf.layers.reLU({ maxValue: 6 });
  const swishLayer = () => tf.layers.activation({ activation: 'swish' });
  return [
    ['relu', (x) => tf.relu(x), 'ScalingLabReluGrad'],
    ['relu6', (x) => tf.relu6(x), 'ScalingLabRelu6Grad'],
    ['Keras ReLU(max_value=6)', (x) => relu6Layer().apply(x) as tf.Tensor, 'ScalingLabRelu6Grad'],
    ['clipByValue', (x) => tf.clipByValue(x, -1.5, 2), 'ScalingLabClipGrad'],
    ['sigmoid', (x) => tf.sigmoid(x), 'ScalingLabSigmoidGrad'],
    ['swish activation', (x) => swishLayer().apply(x) as tf.Tensor, 'ScalingLabSwishGrad'],
  ];
}

/**
 * A BN layer with non-trivial gamma, beta and moving statistics, applied three times in training mode to x
 * (default: FUSED_SHAPE with a non-zero mean): [y, dx, dgamma, dbeta, moving mean, moving variance].
 */
export function batchNormTrainingOutputs(x: tf.Tensor = fusedInput(7, 3).add(2)): tf.Tensor[] {
  const c = x.shape[x.rank - 1];
  const layer = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3 });
  layer.build(x.shape);
  layer.setWeights([
    tf.tensor1d(seeded(c, 3).map((v) => 1 + v)),
    tf.tensor1d(seeded(c, 4)),
    tf.tensor1d(seeded(c, 5)),
    tf.tensor1d(seeded(c, 6).map((v) => 1.5 + v)),
  ]);
  const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const w = tf.tensor(seeded(x.size, 99), x.shape);
  const f = (xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx, { training: true }) as tf.Tensor, w));
  const { grads } = tf.variableGrads(() => f(x) as tf.Scalar, [gamma, beta]);
  const dx = tf.grad(f)(x);
  const y = layer.apply(x, { training: true }) as tf.Tensor;
  // Three training calls so far: the moving statistics have been updated three times.
  const [movingMean, movingVariance] = layer.getWeights().slice(2);
  const out = [y, dx, grads[gamma.name], grads[beta.name], movingMean.clone(), movingVariance.clone()];
  layer.weights.forEach((v) => v.dispose());
  return out;
}

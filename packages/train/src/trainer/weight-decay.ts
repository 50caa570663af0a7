/**
 * Weight decay as L2 regularization added to the gradient, g ← g + λ·w, the way torch.optim's
 * `weight_decay` and the EfficientNet TF reference (λ·Σ‖w‖²/2 added to the loss) apply it, so the paper's
 * λ = 1e-5 means what it says there. Only kernels (conv, depthwise, dense) decay: batch-norm scales/offsets
 * and biases are left alone, as in the reference implementations. (Not decoupled AdamW decay: one rule for
 * all three optimizers keeps runs comparable across them.)
 */
import * as tf from '@tensorflow/tfjs';

/** Kernels have rank ≥ 2; biases and batch-norm parameters are vectors. */
export function decays(variable: tf.Variable): boolean {
  return variable.rank >= 2;
}

/** Returns the gradients with λ·w added to those of decayed variables (same order as `variables`). */
export function addWeightDecay(
  variables: readonly tf.Variable[],
  grads: Array<tf.Tensor | undefined>,
  lambda: number,
): Array<tf.Tensor | undefined> {
  if (lambda === 0) return grads;
  // A variable the loss does not reach has no gradient and is not updated at all, decay included.
  return grads.map((g, i) => (g != null && decays(variables[i]) ? tf.add(g, tf.mul(variables[i], lambda)) : g));
}

// Batch norm in inference mode is a per-channel affine map, y = (x - mean) · s + beta with
// s = gamma / sqrt(variance + epsilon); after a convolution it folds into the filter (scaled per output
// channel) and the bias, so the pair is one convolution. Folding reads the weights as they are now: a plan
// folds once and must be rebuilt after the weights change.
import * as tf from '@tensorflow/tfjs';

export interface BatchNormWeights {
  readonly gamma: tf.Tensor1D | null;
  readonly beta: tf.Tensor1D | null;
  readonly movingMean: tf.Tensor1D;
  readonly movingVariance: tf.Tensor1D;
  readonly epsilon: number;
}

export interface FoldedConv {
  readonly filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D | null;
}

/**
 * The filter and bias of conv-then-batch-norm as one convolution. `filter` is [kh, kw, in, out], or
 * [kh, kw, C, m] for a depthwise convolution, whose output channel c·m + j is scaled by s[c·m + j].
 */
export function foldBatchNorm(
  filter: tf.Tensor4D,
  bias: tf.Tensor1D | null,
  bn: BatchNormWeights | null,
  depthwise: boolean,
): FoldedConv {
  if (bn == null) return { filter: tf.clone(filter), bias: bias == null ? null : tf.clone(bias) };
  return tf.tidy(() => {
    const inv = tf.rsqrt(tf.add(bn.movingVariance, bn.epsilon));
    const s = bn.gamma == null ? inv : tf.mul(inv, bn.gamma);
    const [kh, kw, c, m] = filter.shape;
    const scale = depthwise ? tf.reshape(s, [c, m]) : s;
    const folded = tf.mul(filter, scale) as tf.Tensor4D;
    const centred = bias == null ? tf.neg(bn.movingMean) : tf.sub(bias, bn.movingMean);
    const shifted = tf.mul(centred, s);
    const b = (bn.beta == null ? shifted : tf.add(shifted, bn.beta)) as tf.Tensor1D;
    return { filter: tf.reshape(folded, [kh, kw, c, m]) as tf.Tensor4D, bias: b };
  });
}

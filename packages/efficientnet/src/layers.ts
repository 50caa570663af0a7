/**
 * Shared conv + batch-norm + swish pieces of EfficientNet (Keras `applications.efficientnet`, TF reference
 * `efficientnet_model.py`). Convolutions feeding a batch norm carry no bias, as in both references.
 */
import * as tf from '@tensorflow/tfjs';

/** Keras `applications.efficientnet` `BatchNormalization()` default epsilon (TF reference `batch_norm_epsilon=1e-3`). */
export const BN_EPSILON = 1e-3;
/** Keras `BatchNormalization()` default momentum (TF reference `batch_norm_momentum=0.99`). */
export const BN_MOMENTUM = 0.99;

export type T = tf.SymbolicTensor;

/**
 * Keras `CONV_KERNEL_INITIALIZER` is VarianceScaling(2.0, 'fan_out', truncated normal): He init over fan-out.
 * We draw the same variance uniformly because tfjs' truncated-normal sampler is ~25x slower than its
 * uniform one on the CPU backend, which dominates building the large variants (B7: 66M weights).
 */
export function convInitializer(): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform' });
}

/** Keras `DENSE_KERNEL_INITIALIZER`: VarianceScaling(1/3, 'fan_out', uniform). */
export function denseInitializer(): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanOut', distribution: 'uniform' });
}

export function channelsOf(x: T): number {
  return x.shape[x.shape.length - 1] as number;
}

export function batchNorm(x: T, name: string): T {
  return tf.layers.batchNormalization({ epsilon: BN_EPSILON, momentum: BN_MOMENTUM, name }).apply(x) as T;
}

/** Paper Sec. 4: EfficientNet uses swish (SiLU) activations throughout. */
export function swish(x: T, name: string): T {
  return tf.layers.activation({ activation: 'swish', name }).apply(x) as T;
}

/** Bias-free convolution + BN + swish, named `<prefix>_conv`, `<prefix>_bn`, `<prefix>_swish`. */
export function convBnSwish(x: T, filters: number, kernel: number, stride: number, prefix: string): T {
  const conv = tf.layers.conv2d({
    filters,
    kernelSize: kernel,
    strides: stride,
    // 'same' with stride 2 pads bottom/right, matching Keras' ZeroPadding2D(correct_pad) + 'valid'.
    padding: 'same',
    useBias: false,
    kernelInitializer: convInitializer(),
    name: `${prefix}_conv`,
  }).apply(x) as T;
  return swish(batchNorm(conv, `${prefix}_bn`), `${prefix}_swish`);
}

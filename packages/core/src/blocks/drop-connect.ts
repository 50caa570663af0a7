/**
 * Drop-connect / stochastic depth on residual branches (TF EfficientNet reference `utils.drop_connect`, Keras
 * `Dropout(rate, noise_shape=(None, 1, 1, 1))`): each example's whole branch is dropped with probability
 * `rate` and survivors are scaled by 1 / (1 - rate), in training only; inference is the identity.
 */
import * as tf from '@tensorflow/tfjs';

type T = tf.SymbolicTensor;

/** Reference schedule: `drop_connect_rate * block_index / total_blocks`, so the first block is never dropped. */
export function dropConnectRate(dropConnect: number, blockIndex: number, totalBlocks: number): number {
  return (dropConnect * blockIndex) / totalBlocks;
}

/** Returns `x` unchanged when `rate` is 0 (as Keras adds no layer then), else a per-example Dropout. */
export function dropConnect(x: T, rate: number, name: string): T {
  if (!(rate > 0)) return x;
  // noiseShape [null, 1, 1, 1]: one keep/drop draw per example, broadcast over height, width and channels.
  return tf.layers.dropout({ rate, noiseShape: [null, 1, 1, 1] as unknown as number[], name }).apply(x) as T;
}

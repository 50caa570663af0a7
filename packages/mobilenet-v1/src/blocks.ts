/**
 * The MobileNetV1 depthwise-separable block (paper Fig. 3): depthwise kxk + BN + ReLU6, then pointwise 1x1 +
 * BN + ReLU6, named `<prefix>_dw_*` and `<prefix>_pw_*`.
 */
import { type BatchNormConstants, convBnAct } from '@scaling-lab/core';
import type * as tf from '@tensorflow/tfjs';

type T = tf.SymbolicTensor;

export function depthwiseSeparable(
  x: T,
  filters: number,
  kernel: number,
  stride: number,
  prefix: string,
  bn: BatchNormConstants,
): T {
  const y = convBnAct(x, `${prefix}_dw`, { filters: 'depthwise', kernel, stride, activation: 'relu6', bn });
  return convBnAct(y, `${prefix}_pw`, { filters, kernel: 1, activation: 'relu6', bn });
}

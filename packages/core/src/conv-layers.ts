/**
 * Layer helpers shared by the MobileNet families: bias-free convolution + batch norm + ReLU6 with stable
 * `<prefix>_conv|_bn|_relu` names. Each family passes its own reference batch-norm constants.
 */
import * as tf from '@tensorflow/tfjs';

type T = tf.SymbolicTensor;

export interface BatchNormConstants {
  readonly epsilon: number;
  readonly momentum: number;
}

/** MobileNets clip activations at 6 (Keras `ReLU(6.)`, torchvision `ReLU6`). */
const RELU6_MAX = 6;

export function batchNorm(x: T, bn: BatchNormConstants, name: string): T {
  return tf.layers.batchNormalization({ epsilon: bn.epsilon, momentum: bn.momentum, name }).apply(x) as T;
}

export function relu6(x: T, name: string): T {
  return tf.layers.reLU({ maxValue: RELU6_MAX, name }).apply(x) as T;
}

/** Full convolution + BN + ReLU6, named `<prefix>_conv`, `<prefix>_bn`, `<prefix>_relu`. */
export function convBnRelu6(x: T, filters: number, kernel: number, stride: number, prefix: string, bn: BatchNormConstants): T {
  const conv = tf.layers.conv2d({
    filters,
    kernelSize: kernel,
    strides: stride,
    // 'same' with stride 2 pads bottom/right only, matching Keras' explicit ZeroPadding2D + 'valid'.
    padding: 'same',
    useBias: false,
    name: `${prefix}_conv`,
  }).apply(x) as T;
  return relu6(batchNorm(conv, bn, `${prefix}_bn`), `${prefix}_relu`);
}

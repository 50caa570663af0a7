/**
 * MobileNetV1 building blocks: conv + BN + ReLU6 (the stem) and the depthwise-separable block
 * (paper Fig. 3: dw3x3 + BN + ReLU6, pw1x1 + BN + ReLU6). Convs feeding a BN carry no bias, as in Keras.
 */
import * as tf from '@tensorflow/tfjs';

/** Keras `BatchNormalization` defaults, which `applications.MobileNet` keeps. */
export const BN_EPSILON = 1e-3;
/** Keras `BatchNormalization` default momentum, kept by `applications.MobileNet`. */
export const BN_MOMENTUM = 0.99;
/** Keras `applications.MobileNet` clips activations with `ReLU(6.)`. */
const RELU_MAX = 6;

type T = tf.SymbolicTensor;

function batchNorm(x: T, name: string): T {
  return tf.layers.batchNormalization({ epsilon: BN_EPSILON, momentum: BN_MOMENTUM, name }).apply(x) as T;
}

function relu6(x: T, name: string): T {
  return tf.layers.reLU({ maxValue: RELU_MAX, name }).apply(x) as T;
}

/** Full convolution + BN + ReLU6, named `<prefix>_conv`, `<prefix>_bn`, `<prefix>_relu`. */
export function convBnRelu6(x: T, filters: number, kernel: number, stride: number, prefix: string): T {
  const conv = tf.layers.conv2d({
    filters,
    kernelSize: kernel,
    strides: stride,
    // 'same' with stride 2 pads bottom/right only, matching Keras' explicit ZeroPadding2D((0, 1), (0, 1)).
    padding: 'same',
    useBias: false,
    name: `${prefix}_conv`,
  }).apply(x) as T;
  return relu6(batchNorm(conv, `${prefix}_bn`), `${prefix}_relu`);
}

/** Depthwise kxk (strided) + BN + ReLU6, then pointwise 1x1 to `filters` + BN + ReLU6. */
export function depthwiseSeparable(x: T, filters: number, kernel: number, stride: number, prefix: string): T {
  let y = tf.layers.depthwiseConv2d({
    kernelSize: kernel,
    strides: stride,
    padding: 'same',
    depthMultiplier: 1,
    useBias: false,
    name: `${prefix}_dw_conv`,
  }).apply(x) as T;
  y = relu6(batchNorm(y, `${prefix}_dw_bn`), `${prefix}_dw_relu`);
  y = tf.layers.conv2d({
    filters,
    kernelSize: 1,
    padding: 'same',
    useBias: false,
    name: `${prefix}_pw_conv`,
  }).apply(y) as T;
  return relu6(batchNorm(y, `${prefix}_pw_bn`), `${prefix}_pw_relu`);
}

/**
 * MobileNetV1 building blocks: conv + BN + ReLU6 (the stem) and the depthwise-separable block
 * (paper Fig. 3: dw3x3 + BN + ReLU6, pw1x1 + BN + ReLU6). Convs feeding a BN carry no bias, as in Keras.
 */
import { batchNorm as bnLayer, type BatchNormConstants, convBnRelu6 as sharedConvBnRelu6, relu6 } from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';

/** Keras `BatchNormalization` defaults, which `applications.MobileNet` keeps. */
export const BN_EPSILON = 1e-3;
/** Keras `BatchNormalization` default momentum, kept by `applications.MobileNet`. */
export const BN_MOMENTUM = 0.99;

type T = tf.SymbolicTensor;

const BN: BatchNormConstants = { epsilon: BN_EPSILON, momentum: BN_MOMENTUM };

function batchNorm(x: T, name: string): T {
  return bnLayer(x, BN, name);
}

/** Full convolution + BN + ReLU6, named `<prefix>_conv`, `<prefix>_bn`, `<prefix>_relu`. */
export function convBnRelu6(x: T, filters: number, kernel: number, stride: number, prefix: string): T {
  return sharedConvBnRelu6(x, filters, kernel, stride, prefix, BN);
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

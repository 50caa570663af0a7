/**
 * MobileNetV2 building blocks: conv + BN + ReLU6 (stem and head) and the inverted-residual block
 * (paper Sec. 3.3, Table 1): expand 1x1 + BN + ReLU6 (absent when t = 1), depthwise 3x3 + BN + ReLU6,
 * linear projection 1x1 + BN, and an identity shortcut when the block keeps stride 1 and width.
 * Convs feeding a BN carry no bias, as in Keras.
 */
import { batchNorm as bnLayer, type BatchNormConstants, convBnRelu6 as sharedConvBnRelu6, relu6 } from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';

/** Keras `applications.MobileNetV2`: `BatchNormalization(epsilon=1e-3, ...)`. */
export const BN_EPSILON = 1e-3;
/**
 * Keras `BatchNormalization` default momentum. Keras MobileNetV2 itself uses 0.999; the default lets moving
 * statistics settle within the short training runs of scaling experiments and matches MobileNetV1 here.
 */
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

function channelsOf(x: T): number {
  return x.shape[x.shape.length - 1] as number;
}

function conv1x1(x: T, filters: number, name: string): T {
  return tf.layers.conv2d({ filters, kernelSize: 1, padding: 'same', useBias: false, name }).apply(x) as T;
}




export interface InvertedResidualConfig {
  readonly expansion: number;
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
}

/** True when a block gets an identity shortcut (Keras: stride 1 and in_channels == pointwise_filters). */
export function hasResidual(inChannels: number, config: InvertedResidualConfig): boolean {
  return config.stride === 1 && inChannels === config.filters;
}

export function invertedResidual(x: T, config: InvertedResidualConfig, prefix: string): T {
  const inChannels = channelsOf(x);
  let y = x;
  if (config.expansion !== 1) {
    // Keras expands the block's actual input width (already rounded), not the table's nominal one.
    y = conv1x1(y, inChannels * config.expansion, `${prefix}_expand_conv`);
    y = relu6(batchNorm(y, `${prefix}_expand_bn`), `${prefix}_expand_relu`);
  }
  y = tf.layers.depthwiseConv2d({
    kernelSize: config.kernel,
    strides: config.stride,
    padding: 'same',
    depthMultiplier: 1,
    useBias: false,
    name: `${prefix}_dw_conv`,
  }).apply(y) as T;
  y = relu6(batchNorm(y, `${prefix}_dw_bn`), `${prefix}_dw_relu`);
  // Linear bottleneck (paper Sec. 3.2): no activation after the projection.
  y = batchNorm(conv1x1(y, config.filters, `${prefix}_project_conv`), `${prefix}_project_bn`);
  if (!hasResidual(inChannels, config)) return y;
  return tf.layers.add({ name: `${prefix}_add` }).apply([x, y]) as T;
}

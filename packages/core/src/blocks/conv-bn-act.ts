/**
 * The one conv + batch norm (+ activation) helper every family builds with. Convolutions feeding a batch norm
 * carry no bias (Keras, TF and torchvision references alike); each family passes its reference batch-norm
 * constants and initializer. Layers are named `<prefix>_conv<suffix>`, `<prefix>_bn<suffix>` and
 * `<prefix>_<activation><suffix>` (suffix '' unless a block numbers its convolutions, as ResNet's do).
 */
import * as tf from '@tensorflow/tfjs';
import { type Activation, ACTIVATION_SUFFIX, activation } from './activations';
import type { Initializer } from './initializers';

type T = tf.SymbolicTensor;

/** A family's batch-norm settings, in tfjs/Keras convention (momentum weights the running value). */
export interface BatchNormConstants {
  readonly epsilon: number;
  readonly momentum: number;
}

export interface ConvBnActOptions {
  /** Output channels of a full convolution, or 'depthwise' for a depthwise convolution (multiplier 1). */
  readonly filters: number | 'depthwise';
  readonly kernel: number;
  readonly stride?: number;
  /** null: no activation (a linear projection, or a residual branch's last BN). */
  readonly activation: Activation | null;
  readonly bn: BatchNormConstants;
  /** Kernel initializer; tfjs' default (Glorot uniform) when absent, as Keras MobileNets use. */
  readonly initializer?: Initializer;
  /** Appended to every layer name, e.g. '1' for `_conv1`, `_bn1`, `_relu1`. */
  readonly suffix?: string;
}

export function batchNorm(x: T, bn: BatchNormConstants, name: string): T {
  return tf.layers.batchNormalization({ epsilon: bn.epsilon, momentum: bn.momentum, name }).apply(x) as T;
}

export function convBnAct(x: T, prefix: string, options: ConvBnActOptions): T {
  const suffix = options.suffix ?? '';
  const common = {
    kernelSize: options.kernel,
    strides: options.stride ?? 1,
    // 'same' with stride 2 pads bottom/right only; Keras' ZeroPadding2D + 'valid' and torchvision's k//2
    // padding give the same output size, so shapes, parameters and multiply-adds agree.
    padding: 'same' as const,
    useBias: false,
    name: `${prefix}_conv${suffix}`,
  };
  const init = options.initializer;
  const conv =
    options.filters === 'depthwise'
      ? tf.layers.depthwiseConv2d({ ...common, depthMultiplier: 1, ...(init ? { depthwiseInitializer: init } : {}) })
      : tf.layers.conv2d({ ...common, filters: options.filters, ...(init ? { kernelInitializer: init } : {}) });
  const normed = batchNorm(conv.apply(x) as T, options.bn, `${prefix}_bn${suffix}`);
  if (options.activation === null) return normed;
  return activation(normed, options.activation, `${prefix}_${ACTIVATION_SUFFIX[options.activation]}${suffix}`);
}

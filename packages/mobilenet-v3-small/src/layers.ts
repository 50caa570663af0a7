/**
 * MobileNetV3's pieces below block level (paper Sec. 5.2; torchvision `models.mobilenetv3`): hard-sigmoid and
 * hard-swish as layers (tfjs has neither: its `hardSigmoid` is Keras' 0.2·x + 0.5), BN with torchvision's
 * settings, and conv + BN + activation. Convolutions feeding a BN carry no bias, as in torchvision.
 */
import * as tf from '@tensorflow/tfjs';
import type { MobileNetV3Activation } from './stage-table';

/** torchvision `_mobilenet_v3`: `norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)`. */
export const BN_EPSILON = 1e-3;
/** torchvision's momentum 0.01 weights the new batch; tfjs weights the running value: 1 − 0.01. */
export const BN_MOMENTUM = 0.99;

export type T = tf.SymbolicTensor;

/** torchvision `nn.Hardsigmoid`: relu6(x + 3) / 6 (paper Sec. 5.2, h-sigmoid). */
export class HardSigmoid extends tf.layers.Layer {
  static readonly className = 'HardSigmoid';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.relu6(tf.add(Array.isArray(inputs) ? inputs[0] : inputs, 3)).div(6));
  }
}

/** torchvision `nn.Hardswish`: x · relu6(x + 3) / 6 (paper Sec. 5.2, h-swish). */
export class HardSwish extends tf.layers.Layer {
  static readonly className = 'HardSwish';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return x.mul(tf.relu6(x.add(3))).div(6);
    });
  }
}

// Registered so saved model topologies load back with these layers.
tf.serialization.registerClass(HardSigmoid);
tf.serialization.registerClass(HardSwish);

/** Applies the named activation as a layer called `<prefix>_relu` or `<prefix>_hswish`. */
export function activation(x: T, kind: MobileNetV3Activation, prefix: string): T {
  if (kind === 'relu') return tf.layers.reLU({ name: `${prefix}_relu` }).apply(x) as T;
  return new HardSwish({ name: `${prefix}_hswish` }).apply(x) as T;
}

/** torchvision initialises every conv with `kaiming_normal_(mode='fan_out')`; drawn uniformly (same variance, far faster in tfjs). */
export function convInitializer(): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform' });
}

/** torchvision initialises Linear weights with `normal_(0, 0.01)` and zero biases. */
export function denseInitializer(): ReturnType<typeof tf.initializers.randomNormal> {
  return tf.initializers.randomNormal({ mean: 0, stddev: 0.01 });
}

export function channelsOf(x: T): number {
  return x.shape[x.shape.length - 1] as number;
}

export function batchNorm(x: T, name: string): T {
  return tf.layers.batchNormalization({ epsilon: BN_EPSILON, momentum: BN_MOMENTUM, name }).apply(x) as T;
}

/** Bias-free convolution (or depthwise when `filters` is null) + BN + activation, named `<prefix>_conv|bn|relu|hswish`. */
export function convBnAct(x: T, filters: number | null, kernel: number, stride: number, act: MobileNetV3Activation | null, prefix: string): T {
  const common = { kernelSize: kernel, strides: stride, padding: 'same' as const, useBias: false, name: `${prefix}_conv` };
  const conv = filters === null
    ? tf.layers.depthwiseConv2d({ ...common, depthMultiplier: 1, depthwiseInitializer: convInitializer() }).apply(x) as T
    : tf.layers.conv2d({ ...common, filters, kernelInitializer: convInitializer() }).apply(x) as T;
  const bn = batchNorm(conv, `${prefix}_bn`);
  return act === null ? bn : activation(bn, act, prefix);
}

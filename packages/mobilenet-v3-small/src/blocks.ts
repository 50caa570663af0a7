/**
 * The MobileNetV3 bottleneck (paper Sec. 5.1, Fig. 4; torchvision `InvertedResidual`): expand 1x1 + BN + act
 * (absent when the expanded width equals the input), depthwise kxk + BN + act, squeeze-and-excite with a
 * hard-sigmoid gate, linear projection 1x1 + BN, and an identity shortcut when stride 1 keeps the width.
 */
import * as tf from '@tensorflow/tfjs';
import { roundFilters } from '@scaling-lab/scaling';
import { channelsOf, convBnAct, HardSigmoid, type T } from './layers';
import type { MobileNetV3Activation } from './stage-table';

/** torchvision `_make_divisible(v, 8)`: nearest multiple of 8, never 10% below v (the same rule as `roundFilters`). */
export function makeDivisible(v: number): number {
  return roundFilters(v, 1, 8);
}

/** torchvision `SqueezeExcitation(expanded, _make_divisible(expanded // 4, 8))`. */
export function seReducedWidth(expanded: number): number {
  return makeDivisible(Math.floor(expanded / 4));
}

export interface BneckConfig {
  readonly kernel: number;
  /** Expanded width ÷ the block's input channels. */
  readonly expansion: number;
  readonly filters: number;
  readonly stride: number;
  readonly se: boolean;
  readonly activation: MobileNetV3Activation;
}

/** Global pool, 1x1 reduce (bias) + ReLU, 1x1 expand (bias) + hard-sigmoid, rescale; layers `<prefix>_se_*`. */
export function squeezeExcite(x: T, prefix: string): T {
  const channels = channelsOf(x);
  let s = tf.layers.globalAveragePooling2d({ name: `${prefix}_se_squeeze` }).apply(x) as T;
  // tfjs GlobalAveragePooling2D has no keepDims; restore [1, 1, C] for the 1x1 convs and broadcasting.
  s = tf.layers.reshape({ targetShape: [1, 1, channels], name: `${prefix}_se_reshape` }).apply(s) as T;
  s = tf.layers.conv2d({ filters: seReducedWidth(channels), kernelSize: 1, activation: 'relu', name: `${prefix}_se_reduce` }).apply(s) as T;
  s = tf.layers.conv2d({ filters: channels, kernelSize: 1, name: `${prefix}_se_expand` }).apply(s) as T;
  s = new HardSigmoid({ name: `${prefix}_se_hsigmoid` }).apply(s) as T;
  return tf.layers.multiply({ name: `${prefix}_se_excite` }).apply([x, s]) as T;
}

export function bneck(x: T, config: BneckConfig, prefix: string): T {
  const inChannels = channelsOf(x);
  const expanded = makeDivisible(inChannels * config.expansion);
  let y = x;
  if (expanded !== inChannels) y = convBnAct(y, expanded, 1, 1, config.activation, `${prefix}_expand`);
  y = convBnAct(y, null, config.kernel, config.stride, config.activation, `${prefix}_dw`);
  if (config.se) y = squeezeExcite(y, prefix);
  // Linear bottleneck: no activation after the projection.
  y = convBnAct(y, config.filters, 1, 1, null, `${prefix}_project`);
  if (config.stride !== 1 || inChannels !== config.filters) return y;
  return tf.layers.add({ name: `${prefix}_add` }).apply([x, y]) as T;
}

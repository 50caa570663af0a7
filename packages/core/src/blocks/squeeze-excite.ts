/**
 * Squeeze-and-excitation (Hu et al. 2018) in the two forms the families use: EfficientNet's (MnasNet's; Keras
 * `applications.efficientnet.block`) reduces from the block's input channels with swish and gates with a
 * sigmoid; MobileNetV3's (torchvision `SqueezeExcitation`) reduces from the expanded channels, rounds to 8,
 * and gates with a hard-sigmoid. Global pool → 1x1 reduce (bias) → 1x1 expand (bias) → gate → rescale.
 */
import * as tf from '@tensorflow/tfjs';
import { roundFilters } from '../rounding';
import { HardSigmoid } from './hard-activations';
import type { Initializer } from './initializers';

type T = tf.SymbolicTensor;

export interface SqueezeExciteOptions {
  /** Reduced width ÷ the channels it is measured from (0.25 in both references). */
  readonly ratio: number;
  /** 'input': the block's input channels (EfficientNet); 'expanded': the gated, expanded width (MobileNetV3). */
  readonly from: 'input' | 'expanded';
  /**
   * The reduced width is rounded with `roundFilters` to this divisor: 1 gives EfficientNet's
   * `max(1, int(c × ratio))`, 8 torchvision's `_make_divisible(c // 4, 8)`.
   */
  readonly divisor: number;
  /** Activation of the reduce conv. */
  readonly activation: 'relu' | 'swish';
  /** The gate: a sigmoid on the expand conv, or a separate hard-sigmoid layer `<prefix>_se_hsigmoid`. */
  readonly gate: 'sigmoid' | 'hardsigmoid';
}

/** The reduced width for a block with `inputChannels` in and `expandedChannels` gated. */
export function seReducedWidth(options: SqueezeExciteOptions, inputChannels: number, expandedChannels: number): number {
  const from = options.from === 'input' ? inputChannels : expandedChannels;
  return roundFilters(Math.floor(from * options.ratio), 1, options.divisor);
}

/** Gates the channels of `x` (the depthwise output); layers are named `<prefix>_se_*`. */
export function squeezeExcite(
  x: T,
  blockInputChannels: number,
  options: SqueezeExciteOptions,
  prefix: string,
  initializer?: Initializer,
): T {
  const channels = x.shape[x.shape.length - 1] as number;
  const init = initializer ? { kernelInitializer: initializer } : {};
  let s = tf.layers.globalAveragePooling2d({ name: `${prefix}_se_squeeze` }).apply(x) as T;
  // tfjs GlobalAveragePooling2D has no keepDims; restore [1, 1, C] so 1x1 convs and broadcasting apply.
  s = tf.layers.reshape({ targetShape: [1, 1, channels], name: `${prefix}_se_reshape` }).apply(s) as T;
  s = tf.layers
    .conv2d({
      filters: seReducedWidth(options, blockInputChannels, channels),
      kernelSize: 1,
      activation: options.activation,
      ...init,
      name: `${prefix}_se_reduce`,
    })
    .apply(s) as T;
  s = tf.layers
    .conv2d({
      filters: channels,
      kernelSize: 1,
      ...(options.gate === 'sigmoid' ? { activation: 'sigmoid' as const } : {}),
      ...init,
      name: `${prefix}_se_expand`,
    })
    .apply(s) as T;
  if (options.gate === 'hardsigmoid') s = new HardSigmoid({ name: `${prefix}_se_hsigmoid` }).apply(s) as T;
  return tf.layers.multiply({ name: `${prefix}_se_excite` }).apply([x, s]) as T;
}

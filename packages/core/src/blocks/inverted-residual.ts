/**
 * The one inverted-residual block (MobileNetV2 paper Sec. 3.3; with squeeze-excite as in MnasNet, EfficientNet's
 * MBConv and MobileNetV3's bneck; timm's `InvertedResidual`): expand 1x1 + BN + act (absent when the hidden
 * width equals the input), depthwise kxk + BN + act, optional squeeze-excite, linear projection 1x1 + BN, then
 * optional drop-connect and an identity shortcut when the block keeps stride 1 and width. Layers are named
 * `<prefix>_expand_*`, `_dw_*`, `_se_*`, `_project_*`, `_drop`, `_add`.
 */
import * as tf from '@tensorflow/tfjs';
import { roundFilters } from '../rounding';
import type { Activation } from './activations';
import { type BatchNormConstants, convBnAct } from './conv-bn-act';
import { dropConnect } from './drop-connect';
import type { Initializer } from './initializers';
import { type SqueezeExciteOptions, squeezeExcite } from './squeeze-excite';

type T = tf.SymbolicTensor;

export interface InvertedResidualOptions {
  /** Output (projected) channels. */
  readonly filters: number;
  /** Depthwise kernel size. */
  readonly kernel: number;
  readonly stride: number;
  /** Hidden width ÷ the block's actual input channels (1 = no expand conv). */
  readonly expansion: number;
  /**
   * The hidden width is rounded with `roundFilters` to this divisor: 1 (default) keeps input × expansion,
   * as Keras MobileNetV2 and EfficientNet do; 8 is torchvision MobileNetV3's `_make_divisible`.
   */
  readonly expandedDivisor?: number;
  /** Activation after the expand and depthwise convs; the projection is linear (MobileNetV2 Sec. 3.2). */
  readonly activation: Activation;
  /** Squeeze-excite after the depthwise conv, or none. */
  readonly se?: SqueezeExciteOptions | null;
  /** Drop-connect rate on the residual branch (0 or absent = none). */
  readonly dropConnect?: number;
  readonly bn: BatchNormConstants;
  /** Initializer of every conv in the block (squeeze-excite included); tfjs' default when absent. */
  readonly initializer?: Initializer;
}

/** An identity shortcut exactly when the output shape equals the input's (Keras, TF and torchvision alike). */
export function hasResidual(inChannels: number, options: Pick<InvertedResidualOptions, 'stride' | 'filters'>): boolean {
  return options.stride === 1 && inChannels === options.filters;
}

/** The hidden width a block with `inChannels` inputs expands to. */
export function expandedWidth(
  inChannels: number,
  options: Pick<InvertedResidualOptions, 'expansion' | 'expandedDivisor'>,
): number {
  return roundFilters(inChannels * options.expansion, 1, options.expandedDivisor ?? 1);
}

export function invertedResidual(x: T, options: InvertedResidualOptions, prefix: string): T {
  const inChannels = x.shape[x.shape.length - 1] as number;
  const { bn, initializer, activation } = options;
  const hidden = expandedWidth(inChannels, options);
  let y = x;
  if (hidden !== inChannels) {
    y = convBnAct(y, `${prefix}_expand`, { filters: hidden, kernel: 1, activation, bn, initializer });
  }
  y = convBnAct(y, `${prefix}_dw`, {
    filters: 'depthwise',
    kernel: options.kernel,
    stride: options.stride,
    activation,
    bn,
    initializer,
  });
  if (options.se) y = squeezeExcite(y, inChannels, options.se, prefix, initializer);
  y = convBnAct(y, `${prefix}_project`, { filters: options.filters, kernel: 1, activation: null, bn, initializer });
  if (!hasResidual(inChannels, options)) return y;
  y = dropConnect(y, options.dropConnect ?? 0, `${prefix}_drop`);
  return tf.layers.add({ name: `${prefix}_add` }).apply([x, y]) as T;
}

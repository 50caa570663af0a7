/**
 * The MBConv block (Sandler et al. 2018, with squeeze-excite as in MnasNet; EfficientNet paper Table 1; Keras
 * `applications.efficientnet.block`): expand 1x1 + BN + swish (absent when expansion is 1), depthwise kxk
 * + BN + swish, squeeze-excite, linear projection 1x1 + BN, then drop-connect and an identity shortcut when
 * the block keeps stride 1 and width.
 */
import * as tf from '@tensorflow/tfjs';
import { dropConnect } from './drop-connect';
import { batchNorm, channelsOf, convInitializer, swish, type T } from './layers';
import { squeezeExcite } from './squeeze-excite';

export interface MBConvConfig {
  readonly kernel: number;
  readonly stride: number;
  readonly expansion: number;
  readonly filters: number;
  readonly seRatio: number;
  /** Drop-connect rate of this block's residual branch (0 = none). */
  readonly dropRate: number;
}

/** Reference `id_skip and strides == 1 and input_filters == output_filters`. */
export function hasResidual(inChannels: number, config: Pick<MBConvConfig, 'stride' | 'filters'>): boolean {
  return config.stride === 1 && inChannels === config.filters;
}

export function mbConv(x: T, config: MBConvConfig, prefix: string): T {
  const inChannels = channelsOf(x);
  let y = x;
  if (config.expansion !== 1) {
    y = tf.layers.conv2d({
      filters: inChannels * config.expansion,
      kernelSize: 1,
      padding: 'same',
      useBias: false,
      kernelInitializer: convInitializer(),
      name: `${prefix}_expand_conv`,
    }).apply(y) as T;
    y = swish(batchNorm(y, `${prefix}_expand_bn`), `${prefix}_expand_swish`);
  }
  y = tf.layers.depthwiseConv2d({
    kernelSize: config.kernel,
    strides: config.stride,
    padding: 'same',
    depthMultiplier: 1,
    useBias: false,
    depthwiseInitializer: convInitializer(),
    name: `${prefix}_dw_conv`,
  }).apply(y) as T;
  y = swish(batchNorm(y, `${prefix}_dw_bn`), `${prefix}_dw_swish`);
  if (config.seRatio > 0) y = squeezeExcite(y, inChannels, config.seRatio, prefix);
  y = tf.layers.conv2d({
    filters: config.filters,
    kernelSize: 1,
    padding: 'same',
    useBias: false,
    kernelInitializer: convInitializer(),
    name: `${prefix}_project_conv`,
  }).apply(y) as T;
  // Linear bottleneck: no activation after the projection.
  y = batchNorm(y, `${prefix}_project_bn`);
  if (!hasResidual(inChannels, config)) return y;
  y = dropConnect(y, config.dropRate, `${prefix}_drop`);
  return tf.layers.add({ name: `${prefix}_add` }).apply([y, x]) as T;
}

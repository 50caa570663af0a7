/**
 * Squeeze-and-excitation (Hu et al. 2018) as EfficientNet uses it (Keras `applications.efficientnet.block`,
 * TF reference `MBConvBlock._call_se`): global pool, 1x1 reduce + swish, 1x1 expand + sigmoid, rescale.
 * The reduced width comes from the block's input channels, not the expanded width.
 */
import * as tf from '@tensorflow/tfjs';
import { channelsOf, convInitializer, type T } from './layers';

/** Reference `num_reduced_filters = max(1, int(input_filters * se_ratio))`. */
export function seReducedWidth(blockInputChannels: number, seRatio: number): number {
  return Math.max(1, Math.floor(blockInputChannels * seRatio));
}

/** Gates the channels of `x` (the depthwise output); layers are named `<prefix>_se_*`. */
export function squeezeExcite(x: T, blockInputChannels: number, seRatio: number, prefix: string): T {
  const channels = channelsOf(x);
  let s = tf.layers.globalAveragePooling2d({ name: `${prefix}_se_squeeze` }).apply(x) as T;
  // tfjs GlobalAveragePooling2D has no keepDims; restore [1, 1, C] so 1x1 convs and broadcasting apply.
  s = tf.layers.reshape({ targetShape: [1, 1, channels], name: `${prefix}_se_reshape` }).apply(s) as T;
  s = tf.layers.conv2d({
    filters: seReducedWidth(blockInputChannels, seRatio),
    kernelSize: 1,
    padding: 'same',
    activation: 'swish',
    kernelInitializer: convInitializer(),
    name: `${prefix}_se_reduce`,
  }).apply(s) as T;
  s = tf.layers.conv2d({
    filters: channels,
    kernelSize: 1,
    padding: 'same',
    activation: 'sigmoid',
    kernelInitializer: convInitializer(),
    name: `${prefix}_se_expand`,
  }).apply(s) as T;
  return tf.layers.multiply({ name: `${prefix}_se_excite` }).apply([x, s]) as T;
}

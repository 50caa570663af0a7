/**
 * The one MobileNetV3-Small builder: turns any (scaled) stage table into a functional tfjs model in
 * torchvision's layout: 3x3/2 stem + BN + hard-swish, the bneck stages, 1x1 head + BN + hard-swish, global
 * average pool, Linear(1024) + hard-swish, dropout, and a softmax classifier. It never sees a multiplier.
 */
import { blockPrefix, type BuildOptions, globalPool, type ScaledSpec, softmaxClassifier } from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import { bneck, makeDivisible } from './blocks';
import { convBnAct, denseInitializer, HardSwish, type T } from './layers';
import type { MobilenetV3SmallStage } from './stage-table';

export { BN_EPSILON, BN_MOMENTUM } from './layers';

/** Paper Table 2 first row: conv2d 3x3, stride 2. */
const STEM_KERNEL = 3;
export const STEM_STRIDE = 2;
/**
 * torchvision `last_channel = adjust_channels(1024)` for a 576-wide head: the hidden classifier layer is
 * 16/9 of the head conv's width, so it follows the (scaled) head without the builder seeing the multiplier.
 */
export const CLASSIFIER_HIDDEN_PER_HEAD = 1024 / 576;

export function buildMobilenetV3Small(
  spec: ScaledSpec<MobilenetV3SmallStage>,
  options: BuildOptions & { readonly dropout: number },
): tf.LayersModel {
  const input = tf.input({ shape: [spec.resolution, spec.resolution, options.inputChannels], name: 'input' });
  let x = convBnAct(input, spec.stem, STEM_KERNEL, STEM_STRIDE, 'hardswish', 'stem');
  spec.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.repeats; b++) {
      x = bneck(x, {
        kernel: stage.kernel,
        expansion: b === 0 ? stage.expansion : stage.repeatExpansion,
        filters: stage.channels,
        stride: b === 0 ? stage.stride : 1,
        se: stage.se,
        activation: stage.activation,
      }, blockPrefix(s, b));
    }
  });
  const head = spec.head ?? spec.stages[spec.stages.length - 1].channels;
  x = convBnAct(x, head, 1, 1, 'hardswish', 'head');
  x = globalPool(x);
  x = tf.layers.dense({
    units: makeDivisible(head * CLASSIFIER_HIDDEN_PER_HEAD),
    kernelInitializer: denseInitializer(),
    name: 'pre_classifier',
  }).apply(x) as T;
  x = new HardSwish({ name: 'pre_classifier_hswish' }).apply(x) as T;
  const output = softmaxClassifier(x, options.numClasses, options.dropout, denseInitializer());
  return tf.model({ inputs: input, outputs: output, name: 'mobilenet_v3_small' });
}

/** Shared with every family (see @scaling-lab/core builder-parts). */
export { blockPrefix };

/**
 * The one EfficientNet builder: turns any (scaled) MBConv table into a functional tfjs model, as Keras
 * `applications.EfficientNet(include_top=True)` does: stem, MBConv stages with a linearly growing
 * drop-connect rate, 1x1 head, global average pool, dropout and a softmax classifier.
 */
import { blockPrefix, type BuildOptions, globalPool, type ScaledSpec, softmaxClassifier } from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import type { EfficientNetStage } from './block-table';
import { dropConnectRate } from './drop-connect';
import { convBnSwish, denseInitializer, type T } from './layers';
import { mbConv } from './mbconv';

/** Paper Table 1 stage 1: Conv3x3, stride 2. */
const STEM_KERNEL = 3;
const STEM_STRIDE = 2;

export interface EfficientNetBuildOptions extends BuildOptions {
  readonly dropout: number;
  readonly dropConnect: number;
}

export function buildEfficientNet(spec: ScaledSpec<EfficientNetStage>, options: EfficientNetBuildOptions): tf.LayersModel {
  const input = tf.input({ shape: [spec.resolution, spec.resolution, options.inputChannels], name: 'input' });
  let x = convBnSwish(input, spec.stem, STEM_KERNEL, STEM_STRIDE, 'stem');
  const totalBlocks = spec.stages.reduce((n, stage) => n + stage.repeats, 0);
  let blockIndex = 0;
  spec.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.repeats; b++) {
      x = mbConv(x, {
        kernel: stage.kernel,
        stride: b === 0 ? stage.stride : 1,
        expansion: stage.expansion,
        filters: stage.channels,
        seRatio: stage.seRatio,
        dropRate: dropConnectRate(options.dropConnect, blockIndex, totalBlocks),
      }, blockPrefix(s, b));
      blockIndex++;
    }
  });
  if (spec.head !== null) x = convBnSwish(x, spec.head, 1, 1, 'head');
  x = globalPool(x);
  const output = softmaxClassifier(x, options.numClasses, options.dropout, denseInitializer());
  return tf.model({ inputs: input, outputs: output, name: 'efficientnet' });
}

/** Shared with every family (see @scaling-lab/core builder-parts). */
export { blockPrefix };

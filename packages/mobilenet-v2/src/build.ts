/**
 * The one MobileNetV2 builder: turns any (scaled) stage table into a functional tfjs model. Classifier as in
 * Keras `applications.MobileNetV2(include_top=True)`: global average pool and a softmax Dense layer, with a
 * dropout before it (torchvision's `mobilenet_v2` uses 0.2; Keras has none).
 */
import * as tf from '@tensorflow/tfjs';
import type { BuildOptions, ScaledSpec } from '@scaling-lab/core';
import { convBnRelu6, invertedResidual } from './blocks';
import type { MobileNetV2Stage } from './stage-table';

/** Keras `applications.MobileNetV2` stem `Conv1`: 3x3 convolution, stride 2. */
const STEM_KERNEL = 3;
const STEM_STRIDE = 2;

/**
 * Stage numbers follow the EfficientNet paper's Table 1 convention: the stem is stage 1, so stage-table
 * row i is `stage{i + 2}`; blocks count from 1 within a stage.
 */
export function blockPrefix(stageIndex: number, blockIndex: number): string {
  return `stage${stageIndex + 2}_block${blockIndex + 1}`;
}

export function buildMobileNetV2(
  spec: ScaledSpec<MobileNetV2Stage>,
  options: BuildOptions & { readonly dropout: number },
): tf.LayersModel {
  const input = tf.input({ shape: [spec.resolution, spec.resolution, options.inputChannels], name: 'input' });
  let x = convBnRelu6(input, spec.stem, STEM_KERNEL, STEM_STRIDE, 'stem');
  spec.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.repeats; b++) {
      const config = {
        expansion: stage.expansion,
        filters: stage.channels,
        kernel: stage.kernel,
        stride: b === 0 ? stage.stride : 1,
      };
      x = invertedResidual(x, config, blockPrefix(s, b));
    }
  });
  if (spec.head !== null) x = convBnRelu6(x, spec.head, 1, 1, 'head');
  x = tf.layers.globalAveragePooling2d({ name: 'global_pool' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dropout({ rate: options.dropout, name: 'classifier_dropout' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: options.numClasses, activation: 'softmax', name: 'classifier' })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'mobilenet_v2' });
}

/**
 * The one MobileNetV2 builder: turns any (scaled) stage table into a functional tfjs model. Classifier as in
 * Keras `applications.MobileNetV2(include_top=True)`: global average pool and a softmax Dense layer, with a
 * dropout before it (torchvision's `mobilenet_v2` uses 0.2; Keras has none).
 */
import { blockPrefix, type BuildOptions, globalPool, type ScaledSpec, softmaxClassifier } from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import { convBnRelu6, invertedResidual } from './blocks';
import type { MobileNetV2Stage } from './stage-table';

/** Keras `applications.MobileNetV2` stem `Conv1`: 3x3 convolution, stride 2. */
const STEM_KERNEL = 3;
const STEM_STRIDE = 2;

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
  x = globalPool(x);
  const output = softmaxClassifier(x, options.numClasses, options.dropout);
  return tf.model({ inputs: input, outputs: output, name: 'mobilenet_v2' });
}

/** Shared with every family (see @scaling-lab/core builder-parts). */
export { blockPrefix };

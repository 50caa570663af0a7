/**
 * The one MobileNetV2 builder: turns any (scaled) stage table into a functional tfjs model: 3x3/2 stem + BN +
 * ReLU6, the inverted-residual stages (core's `invertedResidual`: ReLU6, no squeeze-excite), 1x1 head + BN +
 * ReLU6, and the classifier of Keras `applications.MobileNetV2(include_top=True)` — global average pool and a
 * softmax Dense layer — with a dropout before it (torchvision's `mobilenet_v2` uses 0.2; Keras has none).
 */
import {
  type BatchNormConstants,
  type BuildOptions,
  convBnAct,
  globalPool,
  imageInput,
  invertedResidual,
  type ScaledSpec,
  softmaxClassifier,
  stageBlocks,
} from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import type { MobileNetV2Stage } from './stage-table';

/**
 * Keras `applications.MobileNetV2`: `BatchNormalization(epsilon=1e-3, ...)`. Keras MobileNetV2 itself uses
 * momentum 0.999; the Keras default 0.99 lets moving statistics settle within the short training runs of
 * scaling experiments and matches MobileNetV1 here.
 */
export const BN: BatchNormConstants = { epsilon: 1e-3, momentum: 0.99 };
/** Keras `applications.MobileNetV2` stem `Conv1`: 3x3 convolution, stride 2. */
const STEM_KERNEL = 3;
const STEM_STRIDE = 2;

export function buildMobileNetV2(
  spec: ScaledSpec<MobileNetV2Stage>,
  options: BuildOptions & { readonly dropout: number },
): tf.LayersModel {
  const input = imageInput(spec, options);
  let x = convBnAct(input, 'stem', {
    filters: spec.stem,
    kernel: STEM_KERNEL,
    stride: STEM_STRIDE,
    activation: 'relu6',
    bn: BN,
  });
  for (const { stage, stride, prefix } of stageBlocks(spec)) {
    // Keras expands the block's actual input width (already rounded), not the table's nominal one.
    x = invertedResidual(
      x,
      {
        filters: stage.channels,
        kernel: stage.kernel,
        stride,
        expansion: stage.expansion,
        activation: 'relu6',
        bn: BN,
      },
      prefix,
    );
  }
  if (spec.head !== null) x = convBnAct(x, 'head', { filters: spec.head, kernel: 1, activation: 'relu6', bn: BN });
  x = globalPool(x);
  const output = softmaxClassifier(x, options.numClasses, options.dropout);
  return tf.model({ inputs: input, outputs: output, name: 'mobilenet_v2' });
}

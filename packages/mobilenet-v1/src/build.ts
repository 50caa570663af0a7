/**
 * The one MobileNetV1 builder: turns any (scaled) stage table into a functional tfjs model. Classifier as in
 * Keras `applications.MobileNet(include_top=True)`: global average pool, dropout, a 1000-way linear layer
 * (Keras uses an equivalent 1x1 conv on the pooled map) and softmax.
 */
import {
  type BatchNormConstants,
  type BuildOptions,
  convBnAct,
  globalPool,
  imageInput,
  type ScaledSpec,
  softmaxClassifier,
  stageBlocks,
} from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import { depthwiseSeparable } from './blocks';
import type { MobileNetV1Stage } from './stage-table';

/** Keras `BatchNormalization` defaults, which `applications.MobileNet` keeps (epsilon 1e-3, momentum 0.99). */
export const BN: BatchNormConstants = { epsilon: 1e-3, momentum: 0.99 };
/** Keras `applications.MobileNet` stem: 3x3 convolution, stride 2. */
const STEM_KERNEL = 3;
const STEM_STRIDE = 2;

export function buildMobileNetV1(
  spec: ScaledSpec<MobileNetV1Stage>,
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
    x = depthwiseSeparable(x, stage.channels, stage.kernel, stride, prefix, BN);
  }
  if (spec.head !== null) x = convBnAct(x, 'head', { filters: spec.head, kernel: 1, activation: 'relu6', bn: BN });
  x = globalPool(x);
  const output = softmaxClassifier(x, options.numClasses, options.dropout);
  return tf.model({ inputs: input, outputs: output, name: 'mobilenet_v1' });
}

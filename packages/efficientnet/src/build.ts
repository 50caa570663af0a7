/**
 * The one EfficientNet builder: turns any (scaled) MBConv table into a functional tfjs model, as Keras
 * `applications.EfficientNet(include_top=True)` does: stem, MBConv stages (core's `invertedResidual` with
 * swish, squeeze-excite from the block input, and a linearly growing drop-connect rate), 1x1 head, global
 * average pool, dropout and a softmax classifier.
 */
import {
  type BatchNormConstants,
  type BuildOptions,
  convBnAct,
  dropConnectRate,
  globalPool,
  heUniformFanOut,
  imageInput,
  invertedResidual,
  type ScaledSpec,
  softmaxClassifier,
  type SqueezeExciteOptions,
  stageBlocks,
} from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import type { EfficientNetStage } from './stage-table';

/** Keras `BatchNormalization()` defaults (TF reference `batch_norm_epsilon=1e-3`, `batch_norm_momentum=0.99`). */
export const BN: BatchNormConstants = { epsilon: 1e-3, momentum: 0.99 };
/** Paper Table 1 stage 1: Conv3x3, stride 2. */
const STEM_KERNEL = 3;
const STEM_STRIDE = 2;

/** Keras `DENSE_KERNEL_INITIALIZER`: VarianceScaling(1/3, 'fan_out', uniform). */
export function denseInitializer(): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanOut', distribution: 'uniform' });
}

/**
 * Reference `MBConvBlock._call_se`: `num_reduced_filters = max(1, int(input_filters * se_ratio))` from the
 * block's input channels, swish on the reduce conv, sigmoid gate.
 */
export function seOptions(ratio: number): SqueezeExciteOptions {
  return { ratio, from: 'input', divisor: 1, activation: 'swish', gate: 'sigmoid' };
}

export interface EfficientNetBuildOptions extends BuildOptions {
  readonly dropout: number;
  readonly dropConnect: number;
}

export function buildEfficientNet(
  spec: ScaledSpec<EfficientNetStage>,
  options: EfficientNetBuildOptions,
): tf.LayersModel {
  // Keras `CONV_KERNEL_INITIALIZER`: He over fan-out, for every conv (stem, blocks, SE, head).
  const initializer = heUniformFanOut();
  const input = imageInput(spec, options);
  let x = convBnAct(input, 'stem', {
    filters: spec.stem,
    kernel: STEM_KERNEL,
    stride: STEM_STRIDE,
    activation: 'swish',
    bn: BN,
    initializer,
  });
  for (const { stage, stride, prefix, globalIndex, totalBlocks } of stageBlocks(spec)) {
    x = invertedResidual(
      x,
      {
        filters: stage.channels,
        kernel: stage.kernel,
        stride,
        expansion: stage.expansion,
        activation: 'swish',
        se: stage.seRatio > 0 ? seOptions(stage.seRatio) : null,
        dropConnect: dropConnectRate(options.dropConnect, globalIndex, totalBlocks),
        bn: BN,
        initializer,
      },
      prefix,
    );
  }
  if (spec.head !== null)
    x = convBnAct(x, 'head', { filters: spec.head, kernel: 1, activation: 'swish', bn: BN, initializer });
  x = globalPool(x);
  const output = softmaxClassifier(x, options.numClasses, options.dropout, denseInitializer());
  return tf.model({ inputs: input, outputs: output, name: 'efficientnet' });
}

/**
 * The one MobileNetV3-Small builder: turns any (scaled) stage table into a functional tfjs model in
 * torchvision's layout: 3x3/2 stem + BN + hard-swish, the bneck stages (core's `invertedResidual` with
 * torchvision's rounding and squeeze-excite), 1x1 head + BN + hard-swish, global average pool, Linear(1024) +
 * hard-swish, dropout, and a softmax classifier. It never sees a multiplier.
 */
import {
  type BatchNormConstants,
  blockRow,
  type BuildOptions,
  convBnAct,
  globalPool,
  HardSwish,
  heUniformFanOut,
  imageInput,
  invertedResidual,
  roundFilters,
  type ScaledSpec,
  softmaxClassifier,
  type SqueezeExciteOptions,
  stageBlocks,
} from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import type { MobileNetV3SmallStage } from './stage-table';

/**
 * torchvision `_mobilenet_v3`: `norm_layer = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)`; torchvision's
 * momentum weights the new batch, tfjs weights the running value: 1 − 0.01.
 */
export const BN: BatchNormConstants = { epsilon: 1e-3, momentum: 0.99 };
/** Paper Table 2 first row: conv2d 3x3, stride 2. */
const STEM_KERNEL = 3;
export const STEM_STRIDE = 2;
/** torchvision `_make_divisible(v, 8)`: widths derived inside the network round to multiples of 8. */
const DIVISOR = 8;
/**
 * torchvision `last_channel = adjust_channels(1024)` for a 576-wide head: the hidden classifier layer is
 * 16/9 of the head conv's width, so it follows the (scaled) head without the builder seeing the multiplier.
 */
export const CLASSIFIER_HIDDEN_PER_HEAD = 1024 / 576;
/** torchvision `SqueezeExcitation(expanded, _make_divisible(expanded // 4, 8))` with ReLU and a hard-sigmoid gate. */
export const SQUEEZE_EXCITE: SqueezeExciteOptions = {
  ratio: 0.25,
  from: 'expanded',
  divisor: DIVISOR,
  activation: 'relu',
  gate: 'hardsigmoid',
};

/** torchvision initialises Linear weights with `normal_(0, 0.01)` and zero biases. */
function denseInitializer(): ReturnType<typeof tf.initializers.randomNormal> {
  return tf.initializers.randomNormal({ mean: 0, stddev: 0.01 });
}

export function buildMobileNetV3Small(
  spec: ScaledSpec<MobileNetV3SmallStage>,
  options: BuildOptions & { readonly dropout: number },
): tf.LayersModel {
  // torchvision initialises every conv with `kaiming_normal_(mode='fan_out')`.
  const initializer = heUniformFanOut();
  const input = imageInput(spec, options);
  let x = convBnAct(input, 'stem', {
    filters: spec.stem,
    kernel: STEM_KERNEL,
    stride: STEM_STRIDE,
    activation: 'hardswish',
    bn: BN,
    initializer,
  });
  for (const { stage, blockIndex, stride, prefix } of stageBlocks(spec)) {
    const row = blockRow(stage.rows, blockIndex);
    x = invertedResidual(
      x,
      {
        filters: stage.channels,
        kernel: row.kernel,
        stride,
        expansion: row.expansion,
        expandedDivisor: DIVISOR,
        activation: row.activation,
        se: row.se ? SQUEEZE_EXCITE : null,
        bn: BN,
        initializer,
      },
      prefix,
    );
  }
  const head = spec.head ?? spec.stages[spec.stages.length - 1].channels;
  x = convBnAct(x, 'head', { filters: head, kernel: 1, activation: 'hardswish', bn: BN, initializer });
  x = globalPool(x);
  x = tf.layers
    .dense({
      units: roundFilters(head * CLASSIFIER_HIDDEN_PER_HEAD, 1, DIVISOR),
      kernelInitializer: denseInitializer(),
      name: 'pre_classifier',
    })
    .apply(x) as tf.SymbolicTensor;
  x = new HardSwish({ name: 'pre_classifier_hswish' }).apply(x) as tf.SymbolicTensor;
  const output = softmaxClassifier(x, options.numClasses, options.dropout, denseInitializer());
  return tf.model({ inputs: input, outputs: output, name: 'mobilenet_v3_small' });
}

/**
 * The one ResNet builder: turns any (scaled) ResNet stage table into a functional tfjs model in torchvision's
 * layout: 7x7/2 stem conv + BN + ReLU, 3x3/2 max pool, the residual stages, global average pooling, dropout
 * and a softmax classifier (torchvision's `fc`, softmax added for training with categorical cross-entropy).
 */
import {
  type BatchNormConstants,
  type BuildOptions,
  convBnAct,
  globalPool,
  heUniformFanOut,
  imageInput,
  type ScaledSpec,
  softmaxClassifier,
  stageBlocks,
} from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import { BLOCKS } from './blocks';
import type { ResNetStage } from './stage-table';

/**
 * torchvision `nn.BatchNorm2d` defaults: eps 1e-5, momentum 0.1. torchvision's momentum weights the new batch;
 * tfjs (like Keras) weights the running value (moving = m·moving + (1 − m)·batch), so the same update is 1 − 0.1.
 */
export const BN: BatchNormConstants = { epsilon: 1e-5, momentum: 0.9 };
/** torchvision `ResNet.conv1`: 7x7, stride 2. */
const STEM_KERNEL = 7;
const STEM_STRIDE = 2;
/** torchvision `ResNet.maxpool`: 3x3, stride 2. */
const POOL_SIZE = 3;
const POOL_STRIDE = 2;

export function buildResNet(
  spec: ScaledSpec<ResNetStage>,
  options: BuildOptions & { readonly dropout: number },
  name = 'resnet',
): tf.LayersModel {
  // torchvision `ResNet.__init__`: every conv `kaiming_normal_(mode='fan_out', nonlinearity='relu')`.
  const initializer = heUniformFanOut();
  const input = imageInput(spec, options);
  let x = convBnAct(input, 'stem', {
    filters: spec.stem,
    kernel: STEM_KERNEL,
    stride: STEM_STRIDE,
    activation: 'relu',
    bn: BN,
    initializer,
  });
  x = tf.layers
    .maxPooling2d({
      poolSize: POOL_SIZE,
      strides: POOL_STRIDE,
      // torchvision pads 1 on every side; 'same' pads bottom/right only, with the same output size.
      padding: 'same',
      name: 'stem_pool',
    })
    .apply(x) as tf.SymbolicTensor;
  for (const { stage, stride, prefix } of stageBlocks(spec)) {
    x = BLOCKS[stage.block](
      x,
      { channels: stage.channels, expansion: stage.expansion, stride, bn: BN, initializer },
      prefix,
    );
  }
  x = globalPool(x);
  const output = softmaxClassifier(x, options.numClasses, options.dropout);
  return tf.model({ inputs: input, outputs: output, name });
}

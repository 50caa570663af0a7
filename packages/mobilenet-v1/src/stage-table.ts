/**
 * MobileNetV1 as data (Howard et al. 2017, Table 1; Keras `applications.MobileNet`, alpha = 1): a 3x3/2 stem
 * and five stages of depthwise-separable blocks. Scaling rewrites `repeats` and `channels`; the builder turns
 * any such table into layers.
 */
import type { BaseSpec, StageSpec } from '@scaling-lab/core';

/** One stage of depthwise-separable blocks; `channels` is the pointwise (output) width of every block. */
export interface MobileNetV1Stage extends StageSpec {
  readonly block: 'depthwise-separable';
  /** Depthwise kernel size. */
  readonly kernel: number;
}

const stage = (channels: number, repeats: number, stride: number): MobileNetV1Stage => ({
  block: 'depthwise-separable',
  kernel: 3,
  channels,
  repeats,
  stride,
});

/**
 * Paper Table 1 grouped by output width. Keras puts the stride on the first block of a width
 * (conv_dw_2/4/6/12), the paper on the last block of the previous one; shapes and counts agree.
 */
export const MOBILENET_V1_STAGES: readonly MobileNetV1Stage[] = [
  stage(64, 1, 1),
  stage(128, 2, 2),
  stage(256, 2, 2),
  stage(512, 6, 2),
  stage(1024, 2, 2),
];

export const MOBILENET_V1_BASE: BaseSpec<MobileNetV1Stage> = {
  // Keras `_conv_block(img_input, 32, alpha, strides=(2, 2))`.
  stem: 32,
  stages: MOBILENET_V1_STAGES,
  // No 1x1 head convolution: the last stage's 1024 channels feed global pooling directly.
  head: null,
};

/**
 * MobileNetV2 as data (Sandler et al. 2018, Table 2; Keras `applications.MobileNetV2`, alpha = 1): a 3x3/2
 * stem, seven stages of inverted-residual blocks (t, c, n, s) and a 1x1 head. Scaling rewrites `repeats`,
 * `channels`, `stem` and `head`; the builder turns any such table into layers.
 */
import type { BaseSpec, StageSpec } from '@scaling-lab/core';

/** One stage of inverted-residual blocks; `channels` is the projected (output) width of every block. */
export interface MobileNetV2Stage extends StageSpec {
  readonly block: 'inverted-residual';
  /** Expansion factor t: the hidden width is t × the block's input channels (1 = no expand conv). */
  readonly expansion: number;
  /** Depthwise kernel size. */
  readonly kernel: number;
}

const stage = (expansion: number, channels: number, repeats: number, stride: number): MobileNetV2Stage => ({
  block: 'inverted-residual',
  expansion,
  kernel: 3,
  channels,
  repeats,
  stride,
});

/** Paper Table 2 rows (t, c, n, s). */
export const MOBILENET_V2_STAGES: readonly MobileNetV2Stage[] = [
  stage(1, 16, 1, 1),
  stage(6, 24, 2, 2),
  stage(6, 32, 3, 2),
  stage(6, 64, 4, 2),
  stage(6, 96, 3, 1),
  stage(6, 160, 3, 2),
  stage(6, 320, 1, 1),
];

export const MOBILENET_V2_BASE: BaseSpec<MobileNetV2Stage> = {
  // Keras `first_block_filters = _make_divisible(32 * alpha, 8)`.
  stem: 32,
  stages: MOBILENET_V2_STAGES,
  // Keras `last_block_filters`: 1280, scaled only when alpha > 1 (the 'keep-below-one' rounding).
  head: 1280,
};

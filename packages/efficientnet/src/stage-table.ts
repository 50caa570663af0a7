/**
 * EfficientNet-B0 as data (Tan & Le 2019, Table 1; TF reference `efficientnet_builder.py` block strings
 * such as 'r1_k3_s11_e1_i32_o16_se0.25'): a 3x3/2 stem, seven stages of MBConv blocks and a 1x1 head.
 * Scaling rewrites `repeats`, `channels`, `stem` and `head`; the builder turns any such table into layers.
 */
import type { BaseSpec, StageSpec } from '@scaling-lab/core';

/** One stage of MBConv blocks; `channels` is the projected (output) width of every block in the stage. */
export interface EfficientNetStage extends StageSpec {
  readonly block: 'mbconv';
  /** Depthwise kernel size. */
  readonly kernel: number;
  /** Expansion ratio: hidden width = expansion × the block's input channels (1 = no expand conv). */
  readonly expansion: number;
  /** Squeeze-excite ratio, applied to the block's input channels (not the expanded width). */
  readonly seRatio: number;
}

/** Every B0 block uses SE with ratio 0.25 (`se0.25` in the reference block strings). */
export const SE_RATIO = 0.25;

const mbconv = (
  kernel: number,
  stride: number,
  expansion: number,
  channels: number,
  repeats: number,
): EfficientNetStage => ({
  block: 'mbconv',
  kernel,
  stride,
  expansion,
  channels,
  repeats,
  seRatio: SE_RATIO,
});

/** Paper Table 1 stages 2-8 / reference block strings (kernel, stride, expansion, out channels, repeats). */
export const EFFICIENTNET_B0_STAGES: readonly EfficientNetStage[] = [
  mbconv(3, 1, 1, 16, 1), // 'r1_k3_s11_e1_i32_o16_se0.25'
  mbconv(3, 2, 6, 24, 2), // 'r2_k3_s22_e6_i16_o24_se0.25'
  mbconv(5, 2, 6, 40, 2), // 'r2_k5_s22_e6_i24_o40_se0.25'
  mbconv(3, 2, 6, 80, 3), // 'r3_k3_s22_e6_i40_o80_se0.25'
  mbconv(5, 1, 6, 112, 3), // 'r3_k5_s11_e6_i80_o112_se0.25'
  mbconv(5, 2, 6, 192, 4), // 'r4_k5_s22_e6_i112_o192_se0.25'
  mbconv(3, 1, 6, 320, 1), // 'r1_k3_s11_e6_i192_o320_se0.25'
];

export const EFFICIENTNET_B0_BASE: BaseSpec<EfficientNetStage> = {
  // Paper Table 1 stage 1: Conv3x3, 32 channels, stride 2 (reference `round_filters(32)`).
  stem: 32,
  stages: EFFICIENTNET_B0_STAGES,
  // Paper Table 1 stage 9: Conv1x1, 1280 channels (reference `round_filters(1280)`).
  head: 1280,
};

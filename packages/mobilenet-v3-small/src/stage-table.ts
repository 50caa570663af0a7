/**
 * MobileNetV3-Small as data (Howard et al. 2019, Table 2; torchvision `models.mobilenetv3._mobilenet_v3_conf`
 * 'mobilenet_v3_small'): a 3x3/2 stem, eleven bottleneck ("bneck") blocks grouped into five stages by output
 * width, and a 1x1 head of 576. Scaling rewrites `channels` and `repeats`; the builder turns any table into layers.
 */
import type { BaseSpec, StageSpec } from '@scaling-lab/core';

/** Paper Table 2 "NL": ReLU ('RE') or hard-swish ('HS'). */
export type MobileNetV3Activation = 'relu' | 'hardswish';

/**
 * One stage of inverted-residual bottlenecks of `channels` outputs. The paper gives each block an absolute
 * expanded width ("exp size"); here it is a multiple of the block's input channels so that it scales with
 * width: the first block's input is the previous stage's width, the later blocks' input is `channels`.
 */
export interface MobilenetV3SmallStage extends StageSpec {
  readonly block: 'bneck';
  /** Depthwise kernel size. */
  readonly kernel: number;
  /** Expanded width of the stage's first block ÷ its input channels (1 = no expand conv). */
  readonly expansion: number;
  /** Expanded width of every later block ÷ `channels`. */
  readonly repeatExpansion: number;
  /** Squeeze-and-excite after the depthwise conv (paper Table 2 "SE"). */
  readonly se: boolean;
  readonly activation: MobileNetV3Activation;
}

const bneck = (
  kernel: number, expansion: number, repeatExpansion: number, channels: number, se: boolean,
  activation: MobileNetV3Activation, stride: number, repeats: number,
): MobilenetV3SmallStage => ({ block: 'bneck', kernel, expansion, repeatExpansion, channels, se, activation, stride, repeats });

/**
 * torchvision rows (input, kernel, exp size, out, SE, NL, stride) grouped by output width:
 * (16,3,16,16,T,RE,2) | (16,3,72,24,F,RE,2) (24,3,88,24,F,RE,1) | (24,5,96,40,T,HS,2) 2×(40,5,240,40,T,HS,1) |
 * (40,5,120,48,T,HS,1) (48,5,144,48,T,HS,1) | (48,5,288,96,T,HS,2) 2×(96,5,576,96,T,HS,1).
 */
export const MOBILENET_V3_SMALL_STAGES: readonly MobilenetV3SmallStage[] = [
  bneck(3, 1, 1, 16, true, 'relu', 2, 1), // exp 16 = 1 × 16
  bneck(3, 72 / 16, 88 / 24, 24, false, 'relu', 2, 2), // exp 72 = 4.5 × 16, then 88 = 11/3 × 24
  bneck(5, 96 / 24, 240 / 40, 40, true, 'hardswish', 2, 3), // exp 96 = 4 × 24, then 240 = 6 × 40
  bneck(5, 120 / 40, 144 / 48, 48, true, 'hardswish', 1, 2), // exp 120 = 3 × 40, then 144 = 3 × 48
  bneck(5, 288 / 48, 576 / 96, 96, true, 'hardswish', 2, 3), // exp 288 = 6 × 48, then 576 = 6 × 96
];

export const MOBILENET_V3_SMALL_BASE: BaseSpec<MobilenetV3SmallStage> = {
  // Paper Table 2 first row: conv2d 3x3, 16 channels, stride 2, hard-swish.
  stem: 16,
  stages: MOBILENET_V3_SMALL_STAGES,
  // Paper Table 2 "conv2d 1x1, 576" (torchvision `lastconv_output_channels = 6 × 96`).
  head: 576,
};

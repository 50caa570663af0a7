/**
 * MobileNetV3-Small as data (Howard et al. 2019, Table 2; torchvision `models.mobilenetv3._mobilenet_v3_conf`
 * 'mobilenet_v3_small'): a 3x3/2 stem, eleven bottleneck ("bneck") blocks grouped into five stages by output
 * width, and a 1x1 head of 576. Scaling rewrites `channels` and `repeats`; the builder turns any table into layers.
 */
import type { BaseSpec, StageSpec } from '@scaling-lab/core';

/** Paper Table 2 "NL": ReLU ('RE') or hard-swish ('HS'). */
export type MobileNetV3Activation = 'relu' | 'hardswish';

/** One bneck row of Table 2. */
export interface MobileNetV3Block {
  /** Depthwise kernel size. */
  readonly kernel: number;
  /**
   * Expanded width ("exp size") ÷ the block's input channels, so it scales with width: the input of a stage's
   * first block is the previous stage's width, of every later block the stage's `channels`.
   */
  readonly expansion: number;
  /** Squeeze-and-excite after the depthwise conv (paper Table 2 "SE"). */
  readonly se: boolean;
  readonly activation: MobileNetV3Activation;
}

/**
 * One stage of bneck blocks of `channels` outputs. A stage holds several block rows where Table 2's rows differ
 * within it (the first block's expansion differs from the later ones'): block j uses row j, the last row repeats
 * (`blockRow` in @scaling-lab/core), so depth scaling adds copies of the last row.
 */
export interface MobileNetV3SmallStage extends StageSpec {
  readonly block: 'bneck';
  readonly rows: readonly MobileNetV3Block[];
}

const row = (kernel: number, expansion: number, se: boolean, activation: MobileNetV3Activation): MobileNetV3Block => ({
  kernel,
  expansion,
  se,
  activation,
});

const stage = (
  channels: number,
  stride: number,
  repeats: number,
  ...rows: MobileNetV3Block[]
): MobileNetV3SmallStage => ({ block: 'bneck', channels, stride, repeats, rows });

/**
 * torchvision rows (input, kernel, exp size, out, SE, NL, stride) grouped by output width:
 * (16,3,16,16,T,RE,2) | (16,3,72,24,F,RE,2) (24,3,88,24,F,RE,1) | (24,5,96,40,T,HS,2) 2×(40,5,240,40,T,HS,1) |
 * (40,5,120,48,T,HS,1) (48,5,144,48,T,HS,1) | (48,5,288,96,T,HS,2) 2×(96,5,576,96,T,HS,1).
 */
export const MOBILENET_V3_SMALL_STAGES: readonly MobileNetV3SmallStage[] = [
  stage(16, 2, 1, row(3, 1, true, 'relu')), // exp 16 = 1 × 16
  stage(24, 2, 2, row(3, 72 / 16, false, 'relu'), row(3, 88 / 24, false, 'relu')), // exp 72 = 4.5 × 16, then 88 = 11/3 × 24
  stage(40, 2, 3, row(5, 96 / 24, true, 'hardswish'), row(5, 240 / 40, true, 'hardswish')), // exp 96 = 4 × 24, then 240 = 6 × 40
  stage(48, 1, 2, row(5, 120 / 40, true, 'hardswish'), row(5, 144 / 48, true, 'hardswish')), // exp 120 = 3 × 40, then 144 = 3 × 48
  stage(96, 2, 3, row(5, 288 / 48, true, 'hardswish'), row(5, 576 / 96, true, 'hardswish')), // exp 288 = 6 × 48, then 576 = 6 × 96
];

export const MOBILENET_V3_SMALL_BASE: BaseSpec<MobileNetV3SmallStage> = {
  // Paper Table 2 first row: conv2d 3x3, 16 channels, stride 2, hard-swish.
  stem: 16,
  stages: MOBILENET_V3_SMALL_STAGES,
  // Paper Table 2 "conv2d 1x1, 576" (torchvision `lastconv_output_channels = 6 × 96`).
  head: 576,
};

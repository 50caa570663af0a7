/**
 * ResNet as data (He et al. 2016, Table 1; torchvision `models.resnet`): a 7x7/2 stem, a 3x3/2 max pool and
 * four stages. ResNet-18/34 use basic blocks, 50/101/152 bottlenecks; the five depths differ only in these
 * tables. Scaling rewrites `channels` and `repeats`; the builder turns any table into layers.
 */
import type { BaseSpec, StageSpec } from '@scaling-lab/core';

export type ResNetBlockKind = 'basic' | 'bottleneck';

/**
 * One stage of residual blocks. `channels` is the block's inner width (the bottleneck's 1x1/3x3 width, or
 * the basic block's conv width); each block outputs `channels × expansion` channels.
 */
export interface ResNetStage extends StageSpec {
  readonly block: ResNetBlockKind;
  /** Output channels per inner channel. */
  readonly expansion: number;
}

/** torchvision `BasicBlock.expansion` and `Bottleneck.expansion`. */
export const EXPANSION: Readonly<Record<ResNetBlockKind, number>> = { basic: 1, bottleneck: 4 };

/** Inner widths of conv2_x..conv5_x (paper Table 1; torchvision `ResNet._make_layer(block, 64|128|256|512)`). */
const STAGE_WIDTHS = [64, 128, 256, 512] as const;
/** conv2_x follows the max pool unstrided; conv3_x..conv5_x halve the resolution in their first block. */
const STAGE_STRIDES = [1, 2, 2, 2] as const;

export type ResNetDepth = 18 | 34 | 50 | 101 | 152;
export const RESNET_DEPTHS: readonly ResNetDepth[] = [18, 34, 50, 101, 152];

/** Blocks per stage for each depth (paper Table 1; torchvision `resnet18` ... `resnet152` `layers` argument). */
const LAYOUTS: Readonly<Record<ResNetDepth, { block: ResNetBlockKind; repeats: readonly number[] }>> = {
  18: { block: 'basic', repeats: [2, 2, 2, 2] },
  34: { block: 'basic', repeats: [3, 4, 6, 3] },
  50: { block: 'bottleneck', repeats: [3, 4, 6, 3] },
  101: { block: 'bottleneck', repeats: [3, 4, 23, 3] },
  152: { block: 'bottleneck', repeats: [3, 8, 36, 3] },
};

function stages(block: ResNetBlockKind, repeats: readonly number[]): readonly ResNetStage[] {
  return STAGE_WIDTHS.map((channels, i) => ({
    block,
    expansion: EXPANSION[block],
    channels,
    repeats: repeats[i],
    stride: STAGE_STRIDES[i],
  }));
}

/** torchvision `ResNet.inplanes = 64`: the 7x7 stem convolution's width. */
const STEM_WIDTH = 64;

function base(depth: ResNetDepth): BaseSpec<ResNetStage> {
  const { block, repeats } = LAYOUTS[depth];
  // No head convolution: the last stage's output feeds global pooling directly.
  return { stem: STEM_WIDTH, stages: stages(block, repeats), head: null };
}

export const RESNET18_BASE = base(18);
export const RESNET34_BASE = base(34);
export const RESNET50_BASE = base(50);
export const RESNET101_BASE = base(101);
export const RESNET152_BASE = base(152);

export const RESNET_BASES: Readonly<Record<ResNetDepth, BaseSpec<ResNetStage>>> = {
  18: RESNET18_BASE,
  34: RESNET34_BASE,
  50: RESNET50_BASE,
  101: RESNET101_BASE,
  152: RESNET152_BASE,
};

/**
 * The ResNet `Backbone` records: one per depth, all built by the one builder from their stage tables, each
 * checked against torchvision's published parameter and multiply-add counts at 224 px, 1000 classes.
 */
import type { Backbone, ReferenceNumbers } from '@scaling-lab/core';
import { buildResNet } from './build';
import { RESNET_BASES, type ResNetDepth, type ResNetStage } from './stage-table';

/** torchvision's ResNets have no dropout before `fc`. */
const DEFAULT_DROPOUT = 0;

/**
 * torchvision `ResNet{18,34,50,101,152}_Weights.IMAGENET1K_V1.meta` at 224 px, 1000 classes: `num_params`
 * (no BN running statistics, i.e. our trainable count) and `_ops` in GFLOPS, which torchvision counts as
 * multiply-adds and prints to three decimals. `macs` is the exact count of conv and fc multiply-adds for the
 * stage table (derived layer by layer in reference.test.ts); it rounds to `_ops`.
 */
export const TORCHVISION_RESNETS: Readonly<Record<ResNetDepth, { params: number; gflops: number; macs: number }>> = {
  18: { params: 11_689_512, gflops: 1.814, macs: 1_814_073_344 },
  34: { params: 21_797_672, gflops: 3.664, macs: 3_663_761_408 },
  50: { params: 25_557_032, gflops: 4.089, macs: 4_089_184_256 },
  101: { params: 44_549_160, gflops: 7.801, macs: 7_801_405_440 },
  152: { params: 60_192_808, gflops: 11.514, macs: 11_513_626_624 },
};

function reference(depth: ResNetDepth): ReferenceNumbers {
  const { params, gflops, macs } = TORCHVISION_RESNETS[depth];
  return {
    resolution: 224,
    numClasses: 1000,
    trainableParams: params,
    flops: macs,
    source: `torchvision ResNet${depth}_Weights.IMAGENET1K_V1 meta (num_params ${params}, _ops ${gflops} GFLOPS as multiply-adds; exact count ${macs})`,
  };
}

export function resNet(depth: ResNetDepth): Backbone<ResNetStage> {
  return {
    id: `resnet-${depth}`,
    name: `ResNet-${depth}`,
    family: 'resnet',
    baseResolution: 224,
    base: RESNET_BASES[depth],
    // Widths round like the EfficientNet reference's `round_filters`; ResNet has no head conv to treat apart.
    rounding: { channelDivisor: 8, head: 'scale', resolutionDivisor: 8 },
    // Stem conv 2 × max pool 2 × three strided stages (2^5).
    totalStride: 32,
    dropout: DEFAULT_DROPOUT,
    // torchvision's ResNets have no stochastic depth.
    dropConnect: 0,
    reference: reference(depth),
    build: (spec, options) =>
      buildResNet(spec, { ...options, dropout: options.dropout ?? DEFAULT_DROPOUT }, `resnet${depth}`),
  };
}

export const resNet18 = resNet(18);
export const resNet34 = resNet(34);
export const resNet50 = resNet(50);
export const resNet101 = resNet(101);
export const resNet152 = resNet(152);

export const resNets: readonly Backbone<ResNetStage>[] = [resNet18, resNet34, resNet50, resNet101, resNet152];

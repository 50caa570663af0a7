/**
 * The ResNet `Backbone` records: one per depth, all built by the one builder from their stage tables, each
 * checked against torchvision's published parameter and multiply-add counts at 224 px, 1000 classes.
 */
import type { Backbone, ReferenceNumbers } from '@scaling-lab/core';
import { buildResNet } from './build';
import { RESNET_BASES, type ResNetDepth, type ResNetStage } from './stage-tables';

/** torchvision's ResNets have no dropout before `fc`. */
const DEFAULT_DROPOUT = 0;

/**
 * torchvision `ResNet{18,34,50,101,152}_Weights.IMAGENET1K_V1.meta`: `num_params` and `_ops` (reported as
 * "GFLOPS", counted as multiply-adds with fvcore) at 224 px, 1000 classes.
 */
const TORCHVISION: Readonly<Record<ResNetDepth, { params: number; gmacs: number }>> = {
  18: { params: 11_689_512, gmacs: 1.814 },
  34: { params: 21_797_672, gmacs: 3.664 },
  50: { params: 25_557_032, gmacs: 4.089 },
  101: { params: 44_549_160, gmacs: 7.801 },
  152: { params: 60_192_808, gmacs: 11.514 },
};

function reference(depth: ResNetDepth): ReferenceNumbers {
  const { params, gmacs } = TORCHVISION[depth];
  return {
    resolution: 224,
    numClasses: 1000,
    // torchvision counts parameters without BN running statistics, i.e. our trainable count.
    trainableParams: params,
    flops: Math.round(gmacs * 1e9),
    source: `torchvision ResNet${depth}_Weights.IMAGENET1K_V1 meta (num_params ${params}, _ops ${gmacs} GMACs)`,
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

export const resnet18 = resNet(18);
export const resnet34 = resNet(34);
export const resnet50 = resNet(50);
export const resnet101 = resNet(101);
export const resnet152 = resNet(152);

export const resNets: readonly Backbone<ResNetStage>[] = [resnet18, resnet34, resnet50, resnet101, resnet152];

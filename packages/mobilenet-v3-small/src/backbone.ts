/**
 * The MobileNetV3-Small `Backbone` record: its stage table, rounding policy and defaults, built by the one
 * builder, checked against torchvision's published parameter count at 224 px, 1000 classes.
 */
import type { Backbone, ReferenceNumbers } from '@scaling-lab/core';
import { buildMobileNetV3Small } from './build';
import { MOBILENET_V3_SMALL_BASE, type MobileNetV3SmallStage } from './stage-table';

/** torchvision `mobilenet_v3_small`: `nn.Dropout(p=0.2)` between the hidden and the output Linear. */
const DEFAULT_DROPOUT = 0.2;

/**
 * torchvision `MobileNet_V3_Small_Weights.IMAGENET1K_V1.meta`: `num_params` 2,542,856 (no BN running
 * statistics, i.e. our trainable count). Its `_ops` is rounded to 0.06 GFLOPS; the multiply-adds below are the
 * exact count of conv and dense layers (SE convs included) for Table 2, derived layer by layer in the test.
 */
const REFERENCE: ReferenceNumbers = {
  resolution: 224,
  numClasses: 1000,
  trainableParams: 2_542_856,
  totalParams: 2_554_968,
  flops: 56_510_400,
  source:
    'torchvision MobileNet_V3_Small_Weights.IMAGENET1K_V1 meta (num_params 2542856, _ops 0.06 GFLOPS); MACs computed exactly',
};

export const mobileNetV3Small: Backbone<MobileNetV3SmallStage> = {
  id: 'mobilenet-v3-small',
  name: 'MobileNetV3-Small',
  family: 'mobilenet-v3-small',
  baseResolution: 224,
  base: MOBILENET_V3_SMALL_BASE,
  // torchvision `width_mult` rounds every width with `_make_divisible(·, 8)`, the head and the 1024 hidden
  // layer included at every width (Keras instead keeps 1024 for alpha ≤ 1); we follow torchvision.
  rounding: { channelDivisor: 8, head: 'scale', resolutionDivisor: 8 },
  // Stem 2 × four strided stages (2^5).
  totalStride: 32,
  dropout: DEFAULT_DROPOUT,
  // torchvision's MobileNetV3 has no stochastic depth.
  dropConnect: 0,
  reference: REFERENCE,
  build: (spec, options) => buildMobileNetV3Small(spec, { ...options, dropout: options.dropout ?? DEFAULT_DROPOUT }),
};

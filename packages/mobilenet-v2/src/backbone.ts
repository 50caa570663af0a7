/**
 * The MobileNetV2 `Backbone` record (Keras `applications.MobileNetV2`, alpha = 1, 224 px): its stage table,
 * rounding policy and defaults, built by the one builder, checked against Keras' parameter counts and the
 * paper's multiply-adds.
 */
import type { Backbone } from '@scaling-lab/core';
import { buildMobileNetV2 } from './build';
import { MOBILENET_V2_BASE, type MobileNetV2Stage } from './stage-table';

/** Keras MobileNetV2 has no classifier dropout; torchvision's `mobilenet_v2` uses 0.2, which we adopt. */
const TORCHVISION_DROPOUT = 0.2;

export const mobileNetV2: Backbone<MobileNetV2Stage> = {
  id: 'mobilenet-v2',
  name: 'MobileNetV2',
  family: 'mobilenet-v2',
  baseResolution: 224,
  base: MOBILENET_V2_BASE,
  // Keras `_make_divisible(c * alpha, 8)` everywhere; the 1280 head is kept unless alpha > 1.
  rounding: { channelDivisor: 8, head: 'keep-below-one', resolutionDivisor: 8 },
  // Stem 2 x four strided stages (2^4).
  totalStride: 32,
  dropout: TORCHVISION_DROPOUT,
  dropConnect: 0,
  reference: {
    resolution: 224,
    numClasses: 1000,
    trainableParams: 3_504_872,
    totalParams: 3_538_984,
    flops: 300_000_000,
    // Params: Keras `applications.MobileNetV2().summary()`; multiply-adds: Sandler et al. 2018, Table 4 (300M).
    source: 'Keras applications.MobileNetV2 (params); MobileNetV2 paper Table 4 (300M mult-adds)',
  },
  build: (spec, options) => buildMobileNetV2(spec, { ...options, dropout: options.dropout ?? TORCHVISION_DROPOUT }),
};

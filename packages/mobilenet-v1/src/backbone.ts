/**
 * The MobileNetV1 `Backbone` record (Keras `applications.MobileNet`, alpha = 1, 224 px): its stage table,
 * rounding policy and defaults, built by the one builder, checked against Keras' parameter counts and the
 * paper's multiply-adds.
 */
import type { Backbone } from '@scaling-lab/core';
import { buildMobileNetV1 } from './build';
import { MOBILENET_V1_BASE, type MobileNetV1Stage } from './stage-table';

/** Keras `applications.MobileNet(dropout=1e-3)` default. */
const KERAS_DROPOUT = 1e-3;

export const mobileNetV1: Backbone<MobileNetV1Stage> = {
  id: 'mobilenet-v1',
  name: 'MobileNetV1',
  family: 'mobilenet-v1',
  baseResolution: 224,
  base: MOBILENET_V1_BASE,
  // The project-wide rule (multiples of 8). Keras uses int(c × alpha); at the paper's alphas 0.25-1 both give
  // the same widths. There is no head convolution to keep.
  rounding: { channelDivisor: 8, head: 'scale', resolutionDivisor: 8 },
  // Stem 2 x four strided stages (2^4).
  totalStride: 32,
  dropout: KERAS_DROPOUT,
  dropConnect: 0,
  reference: {
    resolution: 224,
    numClasses: 1000,
    trainableParams: 4_231_976,
    totalParams: 4_253_864,
    flops: 569_000_000,
    // Params: Keras `applications.MobileNet().summary()`; multiply-adds: Howard et al. 2017, Table 8 (569M).
    source: 'Keras applications.MobileNet (params); MobileNets paper Table 8 (569M mult-adds)',
  },
  build: (spec, options) => buildMobileNetV1(spec, { ...options, dropout: options.dropout ?? KERAS_DROPOUT }),
};

/**
 * EfficientNet-B0 ... B7 as `Backbone` records: each is B0's block table rewritten at its width and depth
 * (paper Table 2 / reference `efficientnet_params`), with its own base resolution and classifier dropout.
 */
import type { Backbone } from '@scaling-lab/core';
import type { EfficientNetStage } from './stage-table';
import { buildEfficientNet } from './build';
import {
  EFFICIENTNET_COEFFICIENTS,
  EFFICIENTNET_VARIANTS,
  CHANNEL_DIVISOR,
  type EfficientNetVariant,
  variantBase,
} from './coefficients';
import { EFFICIENTNET_PUBLISHED } from './reference';

/** Reference `drop_connect_rate=0.2` (TF `efficientnet_builder`, Keras `applications.EfficientNet`). */
export const DEFAULT_DROP_CONNECT = 0.2;

/** Stem stride 2 × four stride-2 stages (paper Table 1). */
const TOTAL_STRIDE = 32;

export function efficientNet(variant: EfficientNetVariant): Backbone<EfficientNetStage> {
  const coefficients = EFFICIENTNET_COEFFICIENTS[variant];
  const published = EFFICIENTNET_PUBLISHED[variant];
  const label = variant.toUpperCase();
  return {
    id: `efficientnet-${variant}`,
    name: `EfficientNet-${label}`,
    family: 'efficientnet',
    // Used as is (260 and 300 are not multiples of 8); further resolution scaling rounds to 8.
    baseResolution: coefficients.resolution,
    base: variantBase(variant),
    // Reference `round_filters` (divisor 8, never >10% down) on stem, blocks and head alike.
    rounding: { channelDivisor: CHANNEL_DIVISOR, head: 'scale', resolutionDivisor: 8 },
    totalStride: TOTAL_STRIDE,
    dropout: coefficients.dropout,
    dropConnect: DEFAULT_DROP_CONNECT,
    reference: {
      resolution: coefficients.resolution,
      numClasses: 1000,
      trainableParams: published.trainableParams,
      totalParams: published.kerasTotalParams,
      flops: published.paperFlops,
      source:
        `torchvision efficientnet_${variant} num_params (trainable); Keras EfficientNet${label} summary ` +
        `(total, incl. a 7-weight Normalization layer); paper Table 2 (${published.paperFlops / 1e9}B FLOPs)`,
    },
    build: (spec, options) =>
      buildEfficientNet(spec, {
        ...options,
        dropout: options.dropout ?? coefficients.dropout,
        dropConnect: options.dropConnect ?? DEFAULT_DROP_CONNECT,
      }),
  };
}

/** B0 ... B7 in order, for the registry. */
export const efficientNets: Backbone<EfficientNetStage>[] = EFFICIENTNET_VARIANTS.map(efficientNet);

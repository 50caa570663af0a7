/**
 * The EfficientNet B0-B7 coefficient table (Tan & Le 2019, Sec. 4 / Table 2; TF reference
 * `efficientnet_builder.efficientnet_params`). B1-B7 are the paper's hand-set (width, depth, resolution,
 * dropout) rows, not α^φ; each variant's base table is B0 rewritten by the shared rounding rules.
 */
import { type BaseSpec, type Multiplier, type Resolution, roundFilters, roundRepeats } from '@scaling-lab/core';
import { EFFICIENTNET_B0_BASE, type EfficientNetStage } from './stage-table';

export type EfficientNetVariant = 'b0' | 'b1' | 'b2' | 'b3' | 'b4' | 'b5' | 'b6' | 'b7';

export interface EfficientNetCoefficients {
  readonly width: Multiplier;
  readonly depth: Multiplier;
  readonly resolution: Resolution;
  /** Classifier dropout. */
  readonly dropout: number;
}

/** Reference `efficientnet_params`: (width, depth, resolution, dropout) per variant. */
export const EFFICIENTNET_COEFFICIENTS: Readonly<Record<EfficientNetVariant, EfficientNetCoefficients>> = {
  b0: { width: 1.0, depth: 1.0, resolution: 224, dropout: 0.2 },
  b1: { width: 1.0, depth: 1.1, resolution: 240, dropout: 0.2 },
  b2: { width: 1.1, depth: 1.2, resolution: 260, dropout: 0.3 },
  b3: { width: 1.2, depth: 1.4, resolution: 300, dropout: 0.3 },
  b4: { width: 1.4, depth: 1.8, resolution: 380, dropout: 0.4 },
  b5: { width: 1.6, depth: 2.2, resolution: 456, dropout: 0.4 },
  b6: { width: 1.8, depth: 2.6, resolution: 528, dropout: 0.5 },
  b7: { width: 2.0, depth: 3.1, resolution: 600, dropout: 0.5 },
};

export const EFFICIENTNET_VARIANTS = Object.keys(EFFICIENTNET_COEFFICIENTS) as readonly EfficientNetVariant[];

/** Reference `round_filters` divisor (`depth_divisor=8`). */
export const CHANNEL_DIVISOR = 8;

/** B0's table rewritten at a variant's width and depth, as the reference does for B1-B7. */
export function variantBase(variant: EfficientNetVariant): BaseSpec<EfficientNetStage> {
  const { width, depth } = EFFICIENTNET_COEFFICIENTS[variant];
  const b0 = EFFICIENTNET_B0_BASE;
  return {
    stem: roundFilters(b0.stem, width, CHANNEL_DIVISOR),
    stages: b0.stages.map((stage) => ({
      ...stage,
      channels: roundFilters(stage.channels, width, CHANNEL_DIVISOR),
      repeats: roundRepeats(stage.repeats, depth),
    })),
    head: roundFilters(b0.head as number, width, CHANNEL_DIVISOR),
  };
}

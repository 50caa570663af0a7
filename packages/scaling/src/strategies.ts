/**
 * Scaling strategies (EfficientNet paper, Sec. 3): each maps its knob to depth, width and resolution
 * multipliers, and `scaleSpec` rewrites a backbone's stage table with them. Builders never see multipliers.
 */
import type { Backbone, Multiplier, Resolution, ScaledSpec, StageSpec } from '@scaling-lab/core';
import { roundFilters, roundRepeats, roundResolution } from './rounding';

export type StrategyId = 'depth' | 'width' | 'resolution' | 'compound';
export const STRATEGIES: readonly StrategyId[] = ['depth', 'width', 'resolution', 'compound'];

/** Compound coefficients: depth α, width β, resolution γ per unit of φ. */
export interface CompoundCoefficients {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

/** The paper's grid-searched values for EfficientNet-B0 (Sec. 4, step 1): α·β²·γ² ≈ 1.92 ≈ 2. */
export const PAPER_COEFFICIENTS: CompoundCoefficients = { alpha: 1.2, beta: 1.1, gamma: 1.15 };

/**
 * Requested scaling. The input size is `resolution` pixels when given (used as is); otherwise
 * `baseResolution` (default: the backbone's) × `resolutionMultiplier` × γ^φ, rounded to the backbone's
 * resolution divisor.
 */
export interface ScaleRequest {
  readonly depth?: Multiplier;
  readonly width?: Multiplier;
  readonly resolutionMultiplier?: Multiplier;
  readonly resolution?: Resolution;
  /** Pixels that resolution multipliers apply to, e.g. 32 for a small-image baseline. */
  readonly baseResolution?: Resolution;
  /**
   * Overrides the backbone's resolution divisor: small-image baselines need a finer step than 8
   * (32 px × 1.15 would otherwise round to 40 px, +56% FLOPs instead of +32%).
   */
  readonly resolutionDivisor?: number;
  /** Compound coefficient φ; multiplies into depth, width and resolution via `coefficients`. */
  readonly phi?: number;
  readonly coefficients?: CompoundCoefficients;
}

/** Multipliers implied by compound scaling: d = α^φ, w = β^φ, r = γ^φ. */
export function compoundMultipliers(phi: number, c: CompoundCoefficients = PAPER_COEFFICIENTS) {
  return { depth: c.alpha ** phi, width: c.beta ** phi, resolution: c.gamma ** phi };
}

/** The FLOPs factor compound scaling aims for per unit φ: α·β²·γ². */
export function flopsPerPhi(c: CompoundCoefficients = PAPER_COEFFICIENTS): number {
  return c.alpha * c.beta ** 2 * c.gamma ** 2;
}

/** Rewrites a backbone's base table: repeats by ceil, channels by `roundFilters`, resolution by divisor. */
export function scaleSpec<S extends StageSpec>(backbone: Backbone<S>, request: ScaleRequest = {}): ScaledSpec<S> {
  const compound =
    request.phi !== undefined && request.phi !== 0
      ? compoundMultipliers(request.phi, request.coefficients)
      : { depth: 1, width: 1, resolution: 1 };
  const depth = (request.depth ?? 1) * compound.depth;
  const width = (request.width ?? 1) * compound.width;
  const { channelDivisor, resolutionDivisor, head } = backbone.rounding;

  let resolution: Resolution;
  let resolutionMultiplier: Multiplier;
  if (request.resolution !== undefined) {
    resolution = request.resolution;
    resolutionMultiplier = resolution / backbone.baseResolution;
  } else {
    const from = request.baseResolution ?? backbone.baseResolution;
    const multiplier = (request.resolutionMultiplier ?? 1) * compound.resolution;
    const divisor = request.resolutionDivisor ?? resolutionDivisor;
    resolution = multiplier === 1 ? from : roundResolution(from, multiplier, divisor);
    resolutionMultiplier = resolution / backbone.baseResolution;
  }

  const base = backbone.base;
  const scaledHead =
    base.head === null
      ? null
      : head === 'keep-below-one' && width <= 1
        ? base.head
        : roundFilters(base.head, width, channelDivisor);

  return {
    stem: roundFilters(base.stem, width, channelDivisor),
    stages: base.stages.map((stage) => ({
      ...stage,
      repeats: roundRepeats(stage.repeats, depth),
      channels: roundFilters(stage.channels, width, channelDivisor),
    })),
    head: scaledHead,
    resolution,
    scale: { depth, width, resolution: resolutionMultiplier, phi: request.phi ?? null },
  };
}

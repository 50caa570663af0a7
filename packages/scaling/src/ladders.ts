/**
 * The rule-of-thumb ladder step: for a target FLOPs ratio k each strategy's knob that should multiply FLOPs
 * by k before rounding. FLOPs grow ~linearly with depth and ~quadratically with width and resolution, and
 * compound scaling by (α·β²·γ²)^φ ≈ 2^φ. Rounding moves the reached ratio, so experiments plan with the
 * ladder solver (ladder-solver.ts), which searches the rounded models around these values.
 */
import { type CompoundCoefficients, PAPER_COEFFICIENTS, type ScaleRequest, type StrategyId } from './strategies';

/** The scale request of one strategy at FLOPs ratio k (relative to a baseline request). */
export function ladderStep(
  strategy: StrategyId,
  k: number,
  baseline: ScaleRequest = {},
  coefficients: CompoundCoefficients = PAPER_COEFFICIENTS,
): ScaleRequest {
  if (!(k > 0)) throw new RangeError(`FLOPs ratio must be > 0, got ${k}`);
  // A baseline fixed in pixels becomes the base that resolution multipliers (and γ^φ) apply to.
  if (baseline.resolution !== undefined) {
    baseline = { ...baseline, resolution: undefined, baseResolution: baseline.resolution };
  }
  const depth = baseline.depth ?? 1;
  const width = baseline.width ?? 1;
  const resolutionMultiplier = baseline.resolutionMultiplier ?? 1;
  switch (strategy) {
    case 'depth':
      return { ...baseline, depth: depth * k };
    case 'width':
      return { ...baseline, width: width * Math.sqrt(k) };
    case 'resolution':
      return { ...baseline, resolutionMultiplier: resolutionMultiplier * Math.sqrt(k) };
    case 'compound': {
      // The paper's convention: α·β²·γ² ≈ 2, so φ = log2 k (reaching 1.92^φ with its coefficients).
      return { ...baseline, phi: Math.log2(k), coefficients };
    }
  }
}

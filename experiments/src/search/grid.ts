/**
 * The compound-coefficient grid (EfficientNet Sec. 4, step 1): with φ = 1, search α, β, γ ≥ 1 on a grid
 * under α·β²·γ² ≈ 2, so that each unit of φ roughly doubles FLOPs. The paper's own values are always a
 * candidate, so a search can be read as "did we beat the defaults on this backbone?".
 */
import { type CompoundCoefficients, flopsPerPhi, PAPER_COEFFICIENTS } from '@scaling-lab/scaling';

/** The FLOPs factor per unit φ that the constraint targets (paper Eq. 3: α·β²·γ² ≈ 2). */
export const TARGET_FLOPS_RATIO = 2;

export interface GridOptions {
  /** Grid spacing of α, β and γ, e.g. 0.05. */
  readonly step: number;
  /** Relative tolerance on α·β²·γ²: kept when |α·β²·γ² / 2 − 1| ≤ tolerance. */
  readonly tolerance: number;
}

export interface Candidate {
  readonly coefficients: CompoundCoefficients;
  /** Stable id, `a1.20-b1.10-g1.15`: the strategy name of its result rows and part of its run key. */
  readonly label: string;
  /** α·β²·γ², the FLOPs factor the coefficients promise before rounding. */
  readonly nominalRatio: number;
  readonly isPaper: boolean;
}

export function candidateLabel(c: CompoundCoefficients): string {
  return `a${c.alpha.toFixed(2)}-b${c.beta.toFixed(2)}-g${c.gamma.toFixed(2)}`;
}

export function sameCoefficients(a: CompoundCoefficients, b: CompoundCoefficients): boolean {
  return candidateLabel(a) === candidateLabel(b);
}

export function makeCandidate(coefficients: CompoundCoefficients): Candidate {
  return {
    coefficients,
    label: candidateLabel(coefficients),
    nominalRatio: flopsPerPhi(coefficients),
    isPaper: sameCoefficients(coefficients, PAPER_COEFFICIENTS),
  };
}

/** Orders candidates by α, then β, then γ: the deterministic order every listing and tie-break uses. */
export function compareCoefficients(a: CompoundCoefficients, b: CompoundCoefficients): number {
  return a.alpha - b.alpha || a.beta - b.beta || a.gamma - b.gamma;
}

export function withinTolerance(ratio: number, tolerance: number): boolean {
  // A tiny slack so that grid values computed in floating point are not lost at the boundary.
  return Math.abs(ratio / TARGET_FLOPS_RATIO - 1) <= tolerance + 1e-9;
}

/**
 * Every grid point with α, β, γ ≥ 1 whose α·β²·γ² is within the tolerance of 2, plus the paper's
 * (1.2, 1.1, 1.15) whether or not it lies on the grid, in (α, β, γ) order.
 */
export function enumerateGrid({ step, tolerance }: GridOptions): Candidate[] {
  if (!(step > 0)) throw new RangeError(`grid step must be > 0, got ${step}`);
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be >= 0, got ${tolerance}`);
  const upper = TARGET_FLOPS_RATIO * (1 + tolerance);
  // Grid values by integer index, rounded, so 1 + 3 × 0.05 is 1.15 and not 1.1500000000000001.
  const values = (max: number) => {
    const out: number[] = [];
    for (let i = 0; 1 + i * step <= max + 1e-9; i++) out.push(Number((1 + i * step).toFixed(6)));
    return out;
  };
  const candidates: Candidate[] = [];
  for (const alpha of values(upper)) {
    for (const beta of values(Math.sqrt(upper / alpha))) {
      for (const gamma of values(Math.sqrt(upper / (alpha * beta * beta)))) {
        const coefficients = { alpha, beta, gamma };
        if (withinTolerance(flopsPerPhi(coefficients), tolerance)) candidates.push(makeCandidate(coefficients));
      }
    }
  }
  if (!candidates.some((c) => c.isPaper)) candidates.push(makeCandidate(PAPER_COEFFICIENTS));
  return candidates.sort((a, b) => compareCoefficients(a.coefficients, b.coefficients));
}

/**
 * Real FLOPs ratios of candidates: for each (α, β, γ) the ladder solver finds the φ whose rounded model
 * (ceil repeats, channels to multiples of 8, pixels to the resolution divisor) lands closest to ×2 the
 * preset's baseline, measured on weight-free builds. Every candidate, the paper's included, is then trained
 * and ranked at the same real cost instead of at φ = 1, where rounding scatters small baselines far from ×2.
 */
import type { Backbone, StageSpec } from '@scaling-lab/core';
import { type CostCounter, type ScaleRequest, solveStep, specKey, weightFreeCounter } from '@scaling-lab/scaling';
import { type Candidate, compareCoefficients, TARGET_FLOPS_RATIO, withinTolerance } from './grid';

/** Classes of the profiled head; the head is a sliver of the FLOPs, so the ratio hardly depends on it. */
const PROFILE_CLASSES = 10;

export interface MeasuredCandidate extends Candidate {
  /** The φ solved for a real ×2 (1 when rounding allows it, else the nearest that does). */
  readonly phi: number;
  /** The scale request trained for this candidate: the baseline with the solved φ and these coefficients. */
  readonly request: ScaleRequest;
  /** FLOPs at the solved φ over the baseline's FLOPs, after rounding. */
  readonly realRatio: number;
  readonly flops: number;
  /** Trainable parameters at the solved φ. */
  readonly params: number;
  /** The rounded table and resolution: candidates with equal keys train the very same model. */
  readonly modelKey: string;
}

/** The scale request a measured candidate trains. */
export function candidateRequest(candidate: MeasuredCandidate): ScaleRequest {
  return candidate.request;
}

/** Multiply-adds (and params) of a scale request, each distinct rounded model built once without weights. */
export function profilingCounter(backbone: Backbone<StageSpec>, inputChannels: number): CostCounter {
  return weightFreeCounter(backbone, { numClasses: PROFILE_CLASSES, inputChannels });
}

/** Solves φ for every candidate so its real FLOPs ratio is as close to ×2 as rounding allows. */
export function measureCandidates(
  backbone: Backbone<StageSpec>,
  candidates: readonly Candidate[],
  baseline: ScaleRequest,
  count: CostCounter,
  tolerance: number,
): MeasuredCandidate[] {
  const base = count(baseline);
  return candidates.map((c) => {
    const solved = solveStep(
      'compound',
      TARGET_FLOPS_RATIO,
      { backbone, baseline, count, coefficients: c.coefficients, tolerance },
      base,
    );
    return {
      ...c,
      phi: solved.knobValue,
      request: solved.request,
      flops: solved.flops,
      params: solved.params,
      realRatio: solved.reachedRatio,
      modelKey: specKey(backbone, solved.request),
    };
  });
}

/**
 * The candidates to train: the paper's coefficients whatever their real ratio, then those whose real ratio
 * is within the tolerance of 2, best matched first (ties by coefficients), one per distinct rounded model
 * (training the same model twice under two names would only measure seed noise), at most `cap` of them.
 */
export function selectCandidates(
  measured: readonly MeasuredCandidate[],
  tolerance: number,
  cap: number,
): MeasuredCandidate[] {
  const miss = (c: MeasuredCandidate) => Math.abs(c.realRatio - TARGET_FLOPS_RATIO);
  const paper = measured.find((c) => c.isPaper);
  const seen = new Set(paper ? [paper.modelKey] : []);
  const kept: MeasuredCandidate[] = [];
  const ordered = measured
    .filter((c) => !c.isPaper && withinTolerance(c.realRatio, tolerance))
    .sort((a, b) => miss(a) - miss(b) || compareCoefficients(a.coefficients, b.coefficients));
  for (const c of ordered) {
    if (kept.length >= cap) break;
    if (seen.has(c.modelKey)) continue;
    seen.add(c.modelKey);
    kept.push(c);
  }
  return [...(paper ? [paper] : []), ...kept];
}

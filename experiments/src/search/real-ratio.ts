/**
 * Real FLOPs ratios of candidates: the model at φ = 1 after rounding (ceil repeats, channels to multiples
 * of 8, pixels to the resolution divisor) against the preset's baseline, both built and profiled. At small
 * baselines rounding moves ratios far from α·β²·γ², so the search filters on what is actually trained.
 */
import type { Backbone, StageSpec } from '@scaling-lab/core';
import { ladderStep, type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import { summarizeModel } from '../model-summary';
import { type Candidate, compareCoefficients, TARGET_FLOPS_RATIO, withinTolerance } from './grid';

/** Classes of the profiled head; the head is a sliver of the FLOPs, so the ratio hardly depends on it. */
const PROFILE_CLASSES = 10;

export interface MeasuredCandidate extends Candidate {
  /** FLOPs at φ = 1 over the baseline's FLOPs, after rounding. */
  readonly realRatio: number;
  readonly flops: number;
  /** The rounded table and resolution: candidates with equal keys train the very same model. */
  readonly modelKey: string;
}

/** The scale request of a candidate at φ = 1 on the preset's baseline. */
export function candidateRequest(candidate: Candidate, baseline: ScaleRequest): ScaleRequest {
  return ladderStep('compound', TARGET_FLOPS_RATIO, baseline, candidate.coefficients);
}

/** The rounded model a request builds, as a string: what decides its FLOPs. */
export function modelKey(backbone: Backbone<StageSpec>, request: ScaleRequest): string {
  const spec = scaleSpec(backbone, request);
  return JSON.stringify({ stem: spec.stem, head: spec.head, stages: spec.stages, resolution: spec.resolution });
}

/** Multiply-adds of a scale request. */
export type FlopsCounter = (request: ScaleRequest) => number;

/** Builds and profiles each distinct rounded model once (many grid points round to the same table). */
export function profilingCounter(backbone: Backbone<StageSpec>, inputChannels: number): FlopsCounter {
  const cache = new Map<string, number>();
  return (request) => {
    const key = modelKey(backbone, request);
    let flops = cache.get(key);
    if (flops === undefined) {
      flops = summarizeModel(backbone, request, PROFILE_CLASSES, inputChannels).profile.flops;
      cache.set(key, flops);
    }
    return flops;
  };
}

export function measureCandidates(
  backbone: Backbone<StageSpec>,
  candidates: readonly Candidate[],
  baseline: ScaleRequest,
  count: FlopsCounter,
): MeasuredCandidate[] {
  const base = count(baseline);
  return candidates.map((c) => {
    const request = candidateRequest(c, baseline);
    const flops = count(request);
    return { ...c, flops, realRatio: flops / base, modelKey: modelKey(backbone, request) };
  });
}

/**
 * The candidates to train: the paper's coefficients whatever their real ratio, then those whose real ratio
 * is within the tolerance of 2, best matched first (ties by coefficients), one per distinct rounded model
 * (training the same model twice under two names would only measure seed noise), at most `cap` of them.
 */
export function selectCandidates(measured: readonly MeasuredCandidate[], tolerance: number, cap: number): MeasuredCandidate[] {
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

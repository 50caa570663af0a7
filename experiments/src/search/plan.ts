/**
 * A search as runs the sweep runner understands: one run per candidate and seed at its solved φ (a real ×2
 * of the baseline's FLOPs). Keys are stable (`search-a1.20-b1.10-g1.15-s0`), and each result row is stored
 * under the candidate's label as its strategy, so a rerun or another grid reuses finished candidates.
 */
import { getBackbone } from '@scaling-lab/backbones';
import type { Experiment, PlannedRun } from '../catalogue/experiments';
import { TARGET_FLOPS_RATIO } from './grid';
import type { Preset } from '../catalogue/presets';
import type { MeasuredCandidate } from './real-ratio';
import { scaleSpec } from '@scaling-lab/scaling';

/** The search's name in stores and reports: `<family>-search`. */
export function searchName(backboneId: string): string {
  return `${getBackbone(backboneId).family}-search`;
}

/** The search as an experiment record, for the runner and the report's header. */
export function searchExperiment(backboneId: string): Experiment {
  const backbone = getBackbone(backboneId);
  return {
    name: searchName(backboneId),
    family: backbone.family,
    backbone: backbone.id,
    strategies: ['compound'],
    title: `${backbone.name}: compound coefficient search (α, β, γ at a real ×2 FLOPs)`,
  };
}

export function planSearchRuns(
  experiment: Experiment,
  candidates: readonly MeasuredCandidate[],
  _preset: Preset,
  seeds: number,
  tolerance = 0.1,
): PlannedRun[] {
  const backbone = getBackbone(experiment.backbone);
  const runs: PlannedRun[] = [];
  for (const candidate of candidates) {
    const onTarget = Math.abs(candidate.realRatio / TARGET_FLOPS_RATIO - 1) <= tolerance + 1e-9;
    for (let seed = 0; seed < seeds; seed++) {
      runs.push({
        key: `search-${candidate.label}-s${seed}`,
        experiment: experiment.name,
        backbone: experiment.backbone,
        strategy: 'compound',
        strategies: [candidate.label],
        step: TARGET_FLOPS_RATIO,
        seed,
        request: candidate.request,
        ladder: {
          knob: 'phi',
          knobValue: candidate.phi,
          targetRatio: TARGET_FLOPS_RATIO,
          reachedRatio: candidate.realRatio,
          onTarget,
          offTargetReason: onTarget
            ? null
            : `no φ brings these coefficients within ±${Math.round(tolerance * 100)}% of ×2 after rounding`,
          flops: candidate.flops,
          params: candidate.params,
          resolution: scaleSpec(backbone, candidate.request).resolution,
        },
      });
    }
  }
  return runs;
}

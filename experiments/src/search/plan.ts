/**
 * A search as runs the sweep runner understands: one φ = 1 run per candidate and seed, on the compound
 * ladder at FLOPs ratio 2. Keys are stable (`search-a1.20-b1.10-g1.15-s0`), and each result row is stored
 * under the candidate's label as its strategy, so a rerun or another grid reuses finished candidates.
 */
import { getBackbone } from '@scaling-lab/backbones';
import type { Experiment, PlannedRun } from '../catalogue/experiments';
import { TARGET_FLOPS_RATIO } from './grid';
import type { Preset } from '../catalogue/presets';
import { candidateRequest, type MeasuredCandidate } from './real-ratio';

/** The search's name in stores and reports: `<family>-search`. */
export function searchName(backboneId: string): string {
  return `${getBackbone(backboneId).family}-search`;
}

/** The search as an experiment record, for the runner and the report's header. */
export function searchExperiment(backboneId: string): Experiment {
  const backbone = getBackbone(backboneId);
  return {
    name: searchName(backboneId), family: backbone.family, backbone: backbone.id, strategies: ['compound'],
    title: `${backbone.name}: compound coefficient search (α, β, γ at φ = 1)`,
  };
}

export function planSearchRuns(experiment: Experiment, candidates: readonly MeasuredCandidate[], preset: Preset, seeds: number): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const candidate of candidates) {
    for (let seed = 0; seed < seeds; seed++) {
      runs.push({
        key: `search-${candidate.label}-s${seed}`, experiment: experiment.name, backbone: experiment.backbone,
        strategy: 'compound', strategies: [candidate.label], step: TARGET_FLOPS_RATIO, seed,
        request: candidateRequest(candidate, preset.baseline),
      });
    }
  }
  return runs;
}

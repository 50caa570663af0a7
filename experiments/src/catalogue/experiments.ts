/**
 * The experiment catalogue, derived from the backbone registry: for every family, one experiment per
 * strategy (`resnet-compound`, `mobilenet-v2-width`, ...) plus `<family>-all` with all four strategies on
 * the same baseline. A newly registered backbone family gets its experiments without any edit here.
 */
import { getBackbone, listFamilies } from '@scaling-lab/backbones';
import { type CompoundCoefficients, ladderStep, type ScaleRequest, STRATEGIES, type StrategyId } from '@scaling-lab/scaling';
import { type Preset } from './presets';

export interface Experiment {
  readonly name: string;
  readonly family: string;
  /** The backbone every ladder starts from: the family's first registered member (e.g. B0, ResNet-50). */
  readonly backbone: string;
  readonly strategies: readonly StrategyId[];
  readonly title: string;
  /** Compound coefficients (α, β, γ); the paper's when absent. */
  readonly coefficients?: CompoundCoefficients;
}

export interface PlannedRun {
  /** Stable id of the run inside its experiment: `<strategy>-x<ratio>-s<seed>` (its work directory). */
  readonly key: string;
  readonly experiment: string;
  readonly backbone: string;
  /** The strategy whose ladder this run is on; the shared ×1 baseline belongs to every strategy's line. */
  readonly strategy: StrategyId;
  /**
   * The strategy lines whose rows the run's result is stored under (the baseline belongs to all of them);
   * a coefficient search stores each candidate under its own label, e.g. `a1.20-b1.10-g1.15`.
   */
  readonly strategies: readonly string[];
  /** Target FLOPs ratio k of the ladder step. */
  readonly step: number;
  readonly seed: number;
  readonly request: ScaleRequest;
}

/** Families whose experiments start from a member other than the first registered (none so far). */
export function listExperiments(): Experiment[] {
  const experiments: Experiment[] = [];
  for (const [family, ids] of listFamilies()) {
    const backbone = getBackbone(ids[0]);
    for (const strategy of STRATEGIES) {
      experiments.push({
        name: `${family}-${strategy}`, family, backbone: backbone.id, strategies: [strategy],
        title: `${backbone.name}: ${strategy} scaling`,
      });
    }
    experiments.push({
      name: `${family}-all`, family, backbone: backbone.id, strategies: STRATEGIES,
      title: `${backbone.name}: depth vs width vs resolution vs compound scaling`,
    });
  }
  return experiments;
}

export class UnknownExperimentError extends Error {
  override readonly name = 'UnknownExperimentError';
  readonly usage = true;
  constructor(name: string, known: string[]) {
    super(`unknown experiment '${name}'; choose one of: ${known.join(', ')} (see 'scaling-lab list')`);
  }
}

export function getExperiment(name: string): Experiment {
  const all = listExperiments();
  const found = all.find((e) => e.name === name);
  if (!found) throw new UnknownExperimentError(name, all.map((e) => e.name));
  return found;
}

/** Every run of an experiment under a preset, in a deterministic order (strategy, ratio, seed). */
export function planRuns(experiment: Experiment, preset: Preset, seeds = preset.seeds): PlannedRun[] {
  const runs: PlannedRun[] = [];
  const common = { experiment: experiment.name, backbone: experiment.backbone };
  for (let seed = 0; seed < seeds; seed++) {
    // The ×1 point is the same model for every strategy: train it once and share it.
    runs.push({
      ...common, key: `baseline-s${seed}`, strategy: experiment.strategies[0], strategies: experiment.strategies,
      step: 1, seed, request: preset.baseline,
    });
  }
  for (const strategy of experiment.strategies) {
    for (const step of preset.ratios.filter((k) => k !== 1)) {
      for (let seed = 0; seed < seeds; seed++) {
        runs.push({
          ...common, key: `${strategy}-x${step}-s${seed}`, strategy, strategies: [strategy], step, seed,
          request: ladderStep(strategy, step, preset.baseline, experiment.coefficients),
        });
      }
    }
  }
  return runs;
}

/** The runs of shard i of n (1-based): every n-th run, so shards get a fair mix of sizes. */
export function shardRuns<T>(runs: readonly T[], index: number, count: number): T[] {
  return runs.filter((_, i) => i % count === index - 1);
}

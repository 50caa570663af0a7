/**
 * The experiment catalogue, derived from the backbone registry: for every family, one experiment per
 * strategy (`resnet-compound`, `mobilenet-v2-width`, ...) plus `<family>-all` with all four strategies on
 * the same baseline. A newly registered backbone family gets its experiments without any edit here.
 */
import { getBackbone, listFamilies } from '@scaling-lab/backbones';
import {
  type CompoundCoefficients,
  type KnobName,
  type ScaleRequest,
  STRATEGIES,
  type StrategyId,
} from '@scaling-lab/scaling';
import { solveExperimentLadder } from './ladder-plan';
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
  /** What the ladder solver chose for this point (see ladder-plan.ts); the baseline has no knob. */
  readonly ladder: LadderPoint;
}

/** A planned point's place on the FLOPs ladder, as solved before any training. */
export interface LadderPoint {
  /** The knob the strategy turned and its requested value (relative to the baseline), null for the baseline. */
  readonly knob: KnobName | null;
  readonly knobValue: number | null;
  /** Target FLOPs ratio k to the baseline (same as `step`). */
  readonly targetRatio: number;
  /** Multiply-adds of the built model over the baseline's. */
  readonly reachedRatio: number;
  /** Whether the reached ratio is within the tolerance of the target. */
  readonly onTarget: boolean;
  readonly offTargetReason: string | null;
  /** Multiply-adds and trainable parameters of the built model, and its input size in pixels. */
  readonly flops: number;
  readonly params: number;
  readonly resolution: number;
}

/** Families whose experiments start from a member other than the first registered (none so far). */
export function listExperiments(): Experiment[] {
  const experiments: Experiment[] = [];
  for (const [family, ids] of listFamilies()) {
    const backbone = getBackbone(ids[0]);
    for (const strategy of STRATEGIES) {
      experiments.push({
        name: `${family}-${strategy}`,
        family,
        backbone: backbone.id,
        strategies: [strategy],
        title: `${backbone.name}: ${strategy} scaling`,
      });
    }
    experiments.push({
      name: `${family}-all`,
      family,
      backbone: backbone.id,
      strategies: STRATEGIES,
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
  if (!found)
    throw new UnknownExperimentError(
      name,
      all.map((e) => e.name),
    );
  return found;
}

/**
 * Every run of an experiment under a preset, in a deterministic order (strategy, ratio, seed). Each ladder
 * step's knob is solved so the built model's multiply-adds land closest to k × the baseline's.
 */
export function planRuns(experiment: Experiment, preset: Preset, seeds = preset.seeds): PlannedRun[] {
  const ladder = solveExperimentLadder(experiment, preset);
  const runs: PlannedRun[] = [];
  const common = { experiment: experiment.name, backbone: experiment.backbone };
  const base = ladder.baseline;
  const baselinePoint: LadderPoint = {
    knob: null,
    knobValue: null,
    targetRatio: 1,
    reachedRatio: 1,
    onTarget: true,
    offTargetReason: null,
    flops: base.flops,
    params: base.params,
    resolution: base.resolution,
  };
  for (let seed = 0; seed < seeds; seed++) {
    // The ×1 point is the same model for every strategy: train it once and share it.
    runs.push({
      ...common,
      key: `baseline-s${seed}`,
      strategy: experiment.strategies[0],
      strategies: experiment.strategies,
      step: 1,
      seed,
      request: preset.baseline,
      ladder: baselinePoint,
    });
  }
  for (const solved of ladder.steps) {
    const { strategy, targetRatio: step } = solved;
    const point: LadderPoint = {
      knob: solved.knob,
      knobValue: solved.knobValue,
      targetRatio: step,
      reachedRatio: solved.reachedRatio,
      onTarget: solved.onTarget,
      offTargetReason: solved.offTargetReason,
      flops: solved.flops,
      params: solved.params,
      resolution: solved.resolution,
    };
    for (let seed = 0; seed < seeds; seed++) {
      runs.push({
        ...common,
        key: `${strategy}-x${step}-s${seed}`,
        strategy,
        strategies: [strategy],
        step,
        seed,
        request: solved.request,
        ladder: point,
      });
    }
  }
  return runs;
}

/** The runs of shard i of n (1-based): every n-th run, so shards get a fair mix of sizes. */
export function shardRuns<T>(runs: readonly T[], index: number, count: number): T[] {
  return runs.filter((_, i) => i % count === index - 1);
}

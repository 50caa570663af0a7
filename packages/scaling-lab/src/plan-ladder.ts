/**
 * `planLadder`: the points of a FLOPs-matched ladder for one backbone, each strategy at each target FLOPs
 * ratio, with the multiply-adds the rounded model actually reaches. Every point is built once on the
 * current tfjs backend, profiled and disposed.
 */
import { getBackbone, profileModel } from '@scaling-lab/backbones';
import {
  type CompoundCoefficients,
  ladderStep,
  PAPER_COEFFICIENTS,
  type ScaleRequest,
  scaleSpec,
  STRATEGIES,
  type StrategyId,
} from '@scaling-lab/scaling';

export interface PlanLadderOptions {
  /** Target FLOPs ratios against the baseline. Default [1, 2, 4]. */
  readonly ratios?: readonly number[];
  /** Default: all four (depth, width, resolution, compound). */
  readonly strategies?: readonly StrategyId[];
  /** The ×1 point, e.g. `{ width: 0.25, resolution: 32 }`. Default: the backbone as published. */
  readonly baseline?: ScaleRequest;
  readonly coefficients?: CompoundCoefficients;
  readonly numClasses?: number;
  readonly inputChannels?: number;
}

export interface LadderPoint {
  readonly strategy: StrategyId;
  /** Target FLOPs ratio k. */
  readonly ratio: number;
  /** What the runner trains for this point. */
  readonly request: ScaleRequest;
  /** Multipliers and input size after rounding. */
  readonly depth: number;
  readonly width: number;
  readonly resolution: number;
  readonly params: number;
  /** Multiply-adds of the rounded model. */
  readonly flops: number;
  /** flops over the baseline's: where rounding moved the point. */
  readonly reachedRatio: number;
}

export function planLadder(backboneId: string, options: PlanLadderOptions = {}): LadderPoint[] {
  const backbone = getBackbone(backboneId);
  const ratios = options.ratios ?? [1, 2, 4];
  for (const k of ratios) {
    if (!(Number.isFinite(k) && k > 0)) throw new RangeError(`planLadder: ratios must be positive numbers (e.g. [1, 2, 4]), got ${k}`);
  }
  const strategies = options.strategies ?? STRATEGIES;
  for (const s of strategies) {
    if (!STRATEGIES.includes(s)) throw new RangeError(`planLadder: unknown strategy '${s}'; choose from ${STRATEGIES.join(', ')}`);
  }
  const baseline = options.baseline ?? {};
  const coefficients = options.coefficients ?? PAPER_COEFFICIENTS;
  const build = { numClasses: options.numClasses ?? 1000, inputChannels: options.inputChannels ?? 3 };
  const measure = (request: ScaleRequest) => {
    const spec = scaleSpec(backbone, request);
    const model = backbone.build(spec, build);
    try {
      const profile = profileModel(model);
      return { spec, params: profile.params.trainable, flops: profile.flops };
    } finally {
      model.dispose();
    }
  };
  const base = measure(ladderStep('depth', 1, baseline, coefficients));
  return strategies.flatMap((strategy) =>
    ratios.map((ratio) => {
      const request = ladderStep(strategy, ratio, baseline, coefficients);
      const { spec, params, flops } = ratio === 1 ? base : measure(request);
      return {
        strategy, ratio, request, params, flops, reachedRatio: flops / base.flops,
        depth: spec.scale.depth, width: spec.scale.width, resolution: spec.resolution,
      };
    }),
  );
}

/**
 * `planLadder`: a FLOPs-matched ladder for one backbone, as the runner plans it. For each strategy and
 * target FLOPs ratio the scaling package's solver finds the knob whose rounded model lands closest to k × the
 * baseline's multiply-adds, and marks points no reachable model brings within the tolerance as off-target,
 * with the reason. Models are profiled with shape-only weights, so planning allocates no weights.
 */
import { getBackbone } from '@scaling-lab/backbones';
import {
  type CompoundCoefficients,
  DEFAULT_RATIO_TOLERANCE,
  type ScaleRequest,
  type SolvedLadder,
  solveLadder,
  STRATEGIES,
  type StrategyId,
  weightFreeCounter,
} from '@scaling-lab/scaling';

export interface PlanLadderOptions {
  /** Target FLOPs ratios against the baseline; ratio 1 is the baseline itself. Default [1, 2, 4]. */
  readonly ratios?: readonly number[];
  /** Default: all four (depth, width, resolution, compound). */
  readonly strategies?: readonly StrategyId[];
  /** The ×1 point, e.g. `{ width: 0.25, resolution: 32 }`. Default: the backbone as published. */
  readonly baseline?: ScaleRequest;
  /** α, β, γ of the compound strategy; the paper's when absent. */
  readonly coefficients?: CompoundCoefficients;
  /** Relative tolerance on the reached ratio for a point to count as FLOPs-matched. Default 0.05. */
  readonly tolerance?: number;
  readonly numClasses?: number;
  readonly inputChannels?: number;
}

export function planLadder(backboneId: string, options: PlanLadderOptions = {}): SolvedLadder {
  const backbone = getBackbone(backboneId);
  const ratios = options.ratios ?? [1, 2, 4];
  for (const k of ratios) {
    if (!(Number.isFinite(k) && k > 0))
      throw new RangeError(`planLadder: ratios must be positive numbers (e.g. [1, 2, 4]), got ${k}`);
  }
  const strategies = options.strategies ?? STRATEGIES;
  for (const s of strategies) {
    if (!STRATEGIES.includes(s))
      throw new RangeError(`planLadder: unknown strategy '${s}'; choose from ${STRATEGIES.join(', ')}`);
  }
  const tolerance = options.tolerance ?? DEFAULT_RATIO_TOLERANCE;
  if (!(tolerance >= 0)) throw new RangeError(`planLadder: tolerance must be ≥ 0 (e.g. 0.05), got ${tolerance}`);
  const build = { numClasses: options.numClasses ?? 1000, inputChannels: options.inputChannels ?? 3 };
  return solveLadder(strategies, ratios, {
    backbone,
    baseline: options.baseline ?? {},
    count: weightFreeCounter(backbone, build),
    coefficients: options.coefficients,
    tolerance,
  });
}

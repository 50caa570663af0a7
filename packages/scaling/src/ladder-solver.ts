/**
 * FLOPs-matched ladder solver (docs/architecture.md "Scaling"): for a strategy and a target ratio k, finds
 * the knob (depth d, width w, resolution multiplier, or φ) whose built model's multiply-adds are closest to k × the
 * baseline's. Rounding (ceil on repeats, channels to multiples of 8 with an 8-channel floor, pixels to a
 * divisor, 'same' padding at tiny maps) makes FLOPs a step function of the knob, so the solver enumerates
 * the distinct rounded specs in knob order and bisects over them; d = k, w = √k, r = √k and φ = log₂ k
 * are only where the search is centred. A point that no reachable spec brings within the tolerance takes
 * the nearest spec and is marked off-target with the reason.
 */
import type { Backbone, StageSpec } from '@scaling-lab/core';
import {
  type CompoundCoefficients,
  PAPER_COEFFICIENTS,
  type ScaleRequest,
  scaleSpec,
  type StrategyId,
} from './strategies';

/** Planned points within ±5% of their target ratio count as FLOPs-matched. */
export const DEFAULT_RATIO_TOLERANCE = 0.05;

/** Multiply-adds and trainable parameters of the model a request builds. */
export interface ModelCost {
  readonly flops: number;
  readonly params: number;
}

export type CostCounter = (request: ScaleRequest) => ModelCost;

/** The knob a strategy turns, relative to the baseline (resolution: a multiplier of the baseline's pixels). */
export type KnobName = 'depth' | 'width' | 'resolution' | 'phi';

export const STRATEGY_KNOB: Readonly<Record<StrategyId, KnobName>> = {
  depth: 'depth',
  width: 'width',
  resolution: 'resolution',
  compound: 'phi',
};

export interface SolvedStep {
  readonly strategy: StrategyId;
  readonly knob: KnobName;
  /** The requested knob value (any value that builds the chosen model; the nominal one when it does). */
  readonly knobValue: number;
  readonly targetRatio: number;
  readonly reachedRatio: number;
  readonly onTarget: boolean;
  /** Why no reachable spec lands within the tolerance; null when on target. */
  readonly offTargetReason: string | null;
  readonly request: ScaleRequest;
  /** Input size the request builds, in pixels. */
  readonly resolution: number;
  readonly flops: number;
  readonly params: number;
}

export interface SolverContext {
  readonly backbone: Backbone<StageSpec>;
  /** The ×1 point every ratio is relative to. */
  readonly baseline: ScaleRequest;
  readonly count: CostCounter;
  readonly coefficients?: CompoundCoefficients;
  /** Relative tolerance on the reached ratio; DEFAULT_RATIO_TOLERANCE when absent. */
  readonly tolerance?: number;
}

/** Points of the fine knob grid the distinct rounded specs are read from. */
const GRID_POINTS = 4000;

/** The baseline with a pixel resolution turned into the base that multipliers apply to. */
function normalizeBaseline(baseline: ScaleRequest): ScaleRequest {
  return baseline.resolution !== undefined
    ? { ...baseline, resolution: undefined, baseResolution: baseline.resolution }
    : baseline;
}

/** The request of a strategy at a knob value, on top of the baseline. */
export function knobRequest(
  strategy: StrategyId,
  value: number,
  baseline: ScaleRequest,
  coefficients: CompoundCoefficients = PAPER_COEFFICIENTS,
): ScaleRequest {
  const base = normalizeBaseline(baseline);
  switch (strategy) {
    case 'depth':
      return { ...base, depth: (base.depth ?? 1) * value };
    case 'width':
      return { ...base, width: (base.width ?? 1) * value };
    case 'resolution':
      return { ...base, resolutionMultiplier: (base.resolutionMultiplier ?? 1) * value };
    case 'compound':
      return { ...base, phi: value, coefficients };
  }
}

/** The knob value the paper's rule of thumb gives for ratio k (FLOPs ∝ d, w², r², (α·β²·γ²)^φ ≈ 2^φ). */
export function nominalKnob(strategy: StrategyId, k: number): number {
  switch (strategy) {
    case 'depth':
      return k;
    case 'width':
    case 'resolution':
      return Math.sqrt(k);
    case 'compound':
      return Math.log2(k);
  }
}

/** What a spec is after rounding: two requests with equal keys build the very same model. */
export function specKey(backbone: Backbone<StageSpec>, request: ScaleRequest): string {
  const s = scaleSpec(backbone, request);
  return JSON.stringify([s.stem, s.head, s.resolution, s.stages.map((st) => [st.repeats, st.channels])]);
}

/** One run of consecutive knob values that round to the same spec. */
interface SpecGroup {
  readonly key: string;
  readonly values: number[];
}

/** Knob values to scan, in increasing order, around the nominal value. */
function knobGrid(strategy: StrategyId, k: number, ctx: SolverContext): number[] {
  const nominal = nominalKnob(strategy, k);
  if (strategy === 'resolution') {
    // Reachable sizes are exactly the multiples of the divisor: enumerate them.
    const base = normalizeBaseline(ctx.baseline);
    const from = (base.baseResolution ?? ctx.backbone.baseResolution) * (base.resolutionMultiplier ?? 1);
    const divisor = base.resolutionDivisor ?? ctx.backbone.rounding.resolutionDivisor;
    const lo = Math.max(divisor, Math.floor((from * nominal) / 4 / divisor) * divisor);
    const hi = Math.ceil((from * nominal * 3) / divisor) * divisor;
    const out: number[] = [];
    for (let px = lo; px <= hi; px += divisor) out.push(px / from);
    return out;
  }
  const [lo, hi] = strategy === 'compound' ? [nominal - 3, nominal + 3] : [nominal / 4, nominal * 3];
  const out: number[] = [];
  for (let i = 0; i <= GRID_POINTS; i++) {
    out.push(strategy === 'compound' ? lo + ((hi - lo) * i) / GRID_POINTS : lo * (hi / lo) ** (i / GRID_POINTS));
  }
  if (!out.includes(nominal)) out.push(nominal);
  return out.sort((a, b) => a - b);
}

function groupsOf(strategy: StrategyId, k: number, ctx: SolverContext): SpecGroup[] {
  const groups: SpecGroup[] = [];
  const seen = new Set<string>();
  for (const value of knobGrid(strategy, k, ctx)) {
    const key = specKey(ctx.backbone, knobRequest(strategy, value, ctx.baseline, ctx.coefficients));
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.values.push(value);
    // A spec seen before a different one (non-monotone rounding) keeps its first position.
    else if (!seen.has(key)) {
      seen.add(key);
      groups.push({ key, values: [value] });
    }
  }
  return groups;
}

/** A readable value inside the group: the nominal knob when it builds this spec, else the shortest decimal. */
function representative(strategy: StrategyId, group: SpecGroup, nominal: number, ctx: SolverContext): number {
  if (group.values.includes(nominal)) return nominal;
  const lo = group.values[0];
  const hi = group.values[group.values.length - 1];
  const key = (v: number) => specKey(ctx.backbone, knobRequest(strategy, v, ctx.baseline, ctx.coefficients));
  for (let digits = 0; digits <= 4; digits++) {
    for (const v of [Number(((lo + hi) / 2).toFixed(digits)), Number(lo.toFixed(digits)), Number(hi.toFixed(digits))]) {
      if (v >= lo && v <= hi && key(v) === group.key) return v;
    }
  }
  return lo;
}

/**
 * Index of the first group for which `reaches` holds (groups.length when none), assuming it is monotone in
 * the group order. Gallops out from the group holding the nominal knob, where the answer usually is, then
 * bisects the bracket: a handful of builds instead of one per group.
 */
function firstReaching(groups: readonly SpecGroup[], nominal: number, reaches: (i: number) => boolean): number {
  const n = groups.length;
  let start = groups.findIndex((g) => g.values.includes(nominal));
  if (start < 0) start = n >> 1;
  // Bracket (bad, good]: reaches(bad) is false (or bad = -1), reaches(good) is true (or good = n).
  let bad: number;
  let good: number;
  if (reaches(start)) {
    good = start;
    let step = 1;
    bad = start - step;
    while (bad >= 0 && reaches(bad)) {
      good = bad;
      step *= 2;
      bad = good - step;
    }
    bad = Math.max(bad, -1);
  } else {
    bad = start;
    let step = 1;
    good = start + step;
    while (good < n && !reaches(good)) {
      bad = good;
      step *= 2;
      good = bad + step;
    }
    good = Math.min(good, n);
  }
  while (good - bad > 1) {
    const mid = (bad + good) >> 1;
    if (reaches(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

const CAUSES: Readonly<Record<StrategyId, string>> = {
  depth: 'repeats are whole blocks (ceil of d × repeats per stage)',
  width: 'channels round to multiples of the divisor, with a floor of one divisor',
  resolution: "pixels step by the resolution divisor and 'same' padding rounds small feature maps up",
  compound: 'φ moves repeats, channels and pixels together in their rounding steps',
};

const KNOB_LABEL: Readonly<Record<KnobName, string>> = { depth: 'd', width: 'w', resolution: 'r', phi: 'φ' };

/** What changes between two adjacent reachable models: the input size, the block count, the channels. */
function describeJump(backbone: Backbone<StageSpec>, a: ScaleRequest, b: ScaleRequest): string {
  const sa = scaleSpec(backbone, a);
  const sb = scaleSpec(backbone, b);
  const changes: string[] = [];
  if (sa.resolution !== sb.resolution) {
    // 'same' padding rounds every strided map up: at tiny inputs the last map grows by a whole row and column.
    const last = (px: number) => Math.ceil(px / backbone.totalStride);
    const map =
      last(sa.resolution) !== last(sb.resolution)
        ? `, last feature map ${last(sa.resolution)}×${last(sa.resolution)}→${last(sb.resolution)}×${last(sb.resolution)}`
        : '';
    changes.push(`input ${sa.resolution}→${sb.resolution} px${map}`);
  }
  const blocks = (s: typeof sa) => s.stages.reduce((n, st) => n + st.repeats, 0);
  if (blocks(sa) !== blocks(sb)) changes.push(`blocks ${blocks(sa)}→${blocks(sb)}`);
  const widened =
    sa.stages.filter((st, i) => st.channels !== sb.stages[i].channels).length +
    (sa.stem !== sb.stem ? 1 : 0) +
    (sa.head !== sb.head ? 1 : 0);
  if (widened > 0) changes.push(`${widened} width(s) up one rounding step`);
  const divisor = backbone.rounding.channelDivisor;
  const floored = [sa.stem, ...sa.stages.map((st) => st.channels)].filter((c) => c === divisor).length;
  if (floored > 0) changes.push(`${floored} width(s) held at the ${divisor}-channel floor`);
  return changes.join(', ');
}

function describeRatio(r: number): string {
  return `×${r.toFixed(2)}`;
}

/** Solves one ladder step. The baseline's cost is `baseline` (counted once by the caller). */
export function solveStep(strategy: StrategyId, k: number, ctx: SolverContext, baseline: ModelCost): SolvedStep {
  if (!(k > 0)) throw new RangeError(`FLOPs ratio must be > 0, got ${k}`);
  const tolerance = ctx.tolerance ?? DEFAULT_RATIO_TOLERANCE;
  const knob = STRATEGY_KNOB[strategy];
  const nominal = nominalKnob(strategy, k);
  const groups = groupsOf(strategy, k, ctx);
  const costs = new Map<number, ModelCost>();
  const cost = (i: number): ModelCost => {
    let c = costs.get(i);
    if (!c) {
      c = ctx.count(knobRequest(strategy, groups[i].values[0], ctx.baseline, ctx.coefficients));
      costs.set(i, c);
    }
    return c;
  };
  const ratio = (i: number) => cost(i).flops / baseline.flops;
  const lo = firstReaching(groups, nominal, (i) => ratio(i) >= k);
  // FLOPs grow with every knob, so the answer is the first spec reaching k or the one just below it.
  const around = [lo - 1, lo].filter((i) => i >= 0 && i < groups.length);
  const miss = (i: number) => Math.abs(Math.log(ratio(i) / k));
  const best = around.reduce((a, b) => (miss(b) < miss(a) ? b : a));
  const reachedRatio = ratio(best);
  const onTarget = Math.abs(reachedRatio / k - 1) <= tolerance + 1e-12;
  const knobValue = representative(strategy, groups[best], nominal, ctx);
  const request = knobRequest(strategy, knobValue, ctx.baseline, ctx.coefficients);

  let offTargetReason: string | null = null;
  if (!onTarget) {
    const below = around.filter((i) => ratio(i) < k).pop();
    const above = around.find((i) => ratio(i) >= k);
    const value = (i: number) => representative(strategy, groups[i], nominal, ctx);
    const at = (i: number) => `${describeRatio(ratio(i))} (${KNOB_LABEL[knob]}=${formatKnob(value(i))})`;
    const pct = `±${Math.round(tolerance * 100)}%`;
    if (above === undefined) {
      offTargetReason = `the largest ${KNOB_LABEL[knob]} searched reaches only ${at(best)}`;
    } else if (below === undefined) {
      offTargetReason = `the smallest ${KNOB_LABEL[knob]} searched already reaches ${at(best)}`;
    } else {
      const jump = describeJump(
        ctx.backbone,
        knobRequest(strategy, value(below), ctx.baseline, ctx.coefficients),
        knobRequest(strategy, value(above), ctx.baseline, ctx.coefficients),
      );
      offTargetReason =
        `no ${KNOB_LABEL[knob]} lands within ${pct} of ×${k}: the reachable models jump from ${at(below)} to ${at(above)} ` +
        `(${jump}); ${CAUSES[strategy]}`;
    }
  }
  const chosen = cost(best);
  return {
    strategy,
    knob,
    knobValue,
    targetRatio: k,
    reachedRatio,
    onTarget,
    offTargetReason,
    request,
    resolution: scaleSpec(ctx.backbone, request).resolution,
    flops: chosen.flops,
    params: chosen.params,
  };
}

/** Knob values with at most four decimals, trailing zeros dropped. */
export function formatKnob(v: number): string {
  return String(Number(v.toFixed(4)));
}

export interface SolvedLadder {
  readonly baseline: ModelCost & { readonly request: ScaleRequest; readonly resolution: number };
  /** One step per strategy and ratio ≠ 1, strategies outer, ratios inner. */
  readonly steps: SolvedStep[];
}

/** Solves every strategy at every ratio other than 1 (the shared baseline). */
export function solveLadder(
  strategies: readonly StrategyId[],
  ratios: readonly number[],
  ctx: SolverContext,
): SolvedLadder {
  const base = ctx.count(ctx.baseline);
  const steps = strategies.flatMap((s) => ratios.filter((k) => k !== 1).map((k) => solveStep(s, k, ctx, base)));
  return {
    baseline: { ...base, request: ctx.baseline, resolution: scaleSpec(ctx.backbone, ctx.baseline).resolution },
    steps,
  };
}

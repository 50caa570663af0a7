/**
 * The ladder solver against an analytic cost model on a table-only backbone: it picks the reachable spec
 * closest to k × the baseline (checked by brute force over every knob value on a fine grid), accepts only
 * within the tolerance, and says why a point is off target.
 */
import type { Backbone, StageSpec } from '@scaling-lab/core';
import { type CostCounter, knobRequest, solveLadder, solveStep, specKey } from './ladder-solver';
import { scaleSpec, type ScaleRequest, type StrategyId } from './strategies';
import { tableBackbone } from '../testing/table-backbone';

/** conv-like cost: per stage repeats × channels² × (pixels / stride)², plus a stem and a head. */
function analyticCounter(backbone: Backbone<StageSpec>, calls: { n: number } = { n: 0 }): CostCounter {
  return (request: ScaleRequest) => {
    calls.n++;
    const s = scaleSpec(backbone, request);
    let px = s.resolution / 2;
    let flops = px * px * 3 * s.stem * 9;
    let prev = s.stem;
    let params = 0;
    for (const st of s.stages) {
      px = Math.ceil(px / st.stride); // 'same' padding rounds up
      flops += px * px * (prev * st.channels + (st.repeats - 1) * st.channels * st.channels) * 9;
      params += 9 * (prev * st.channels + (st.repeats - 1) * st.channels * st.channels);
      prev = st.channels;
    }
    flops += px * px * prev * (s.head ?? prev);
    return { flops, params };
  };
}

const backbone = tableBackbone();
const baseline: ScaleRequest = { width: 0.25, resolution: 32, resolutionDivisor: 4 };

function bruteForceBest(strategy: StrategyId, k: number, count: CostCounter): number {
  const base = count(baseline).flops;
  let best = Infinity;
  for (let i = 0; i <= 20000; i++) {
    const v =
      strategy === 'compound'
        ? -2 + (8 * i) / 20000
        : strategy === 'resolution'
          ? (4 + i) / 8
          : 0.2 * 40 ** (i / 20000);
    if (strategy === 'resolution' && i > 400) break;
    const r = count(knobRequest(strategy, v, baseline)).flops / base;
    best = Math.min(best, Math.abs(Math.log(r / k)));
  }
  return best;
}

describe('solveStep', () => {
  const count = analyticCounter(backbone);
  const base = count(baseline);
  it.each([
    ['depth', 2],
    ['depth', 4],
    ['width', 2],
    ['width', 4],
    ['resolution', 2],
    ['resolution', 4],
    ['compound', 2],
    ['compound', 4],
  ] as const)(
    '%s ×%d: the reachable spec closest to the target, within 5% or marked off-target with a reason',
    (strategy, k) => {
      const step = solveStep(strategy, k, { backbone, baseline, count }, base);
      // The reported numbers are those of the request it returns.
      expect(step.flops).toBe(count(step.request).flops);
      expect(step.reachedRatio).toBeCloseTo(step.flops / base.flops, 12);
      expect(step.request).toEqual(knobRequest(strategy, step.knobValue, baseline));
      // No knob value on a 20k-point grid gets closer.
      expect(Math.abs(Math.log(step.reachedRatio / k))).toBeLessThanOrEqual(bruteForceBest(strategy, k, count) + 1e-12);
      expect(step.onTarget).toBe(Math.abs(step.reachedRatio / k - 1) <= 0.05);
      if (step.onTarget) expect(step.offTargetReason).toBeNull();
      else expect(step.offTargetReason).toMatch(/jump from ×[\d.]+ .* to ×[\d.]+/);
    },
  );

  it('keeps the nominal knob when it already builds the closest spec', () => {
    // Depth ×2 doubles every repeat exactly; on this cost model that is the closest reachable depth.
    const step = solveStep('depth', 2, { backbone, baseline, count, tolerance: 0.5 }, base);
    expect(specKey(backbone, step.request)).toBe(specKey(backbone, knobRequest('depth', 2, baseline)));
    expect(step.knobValue).toBe(2);
  });

  it('a tighter tolerance turns a coarse step off-target, naming the knob values on both sides', () => {
    const loose = solveStep('resolution', 2, { backbone, baseline, count, tolerance: 0.2 }, base);
    const tight = solveStep('resolution', 2, { backbone, baseline, count, tolerance: 1e-6 }, base);
    expect(loose.onTarget).toBe(true);
    expect(tight.reachedRatio).toBe(loose.reachedRatio);
    expect(tight.onTarget).toBe(tight.reachedRatio === 2);
    if (!tight.onTarget)
      expect(tight.offTargetReason).toMatch(
        /no r lands within ±0% of ×2: .*\(r=[\d.]+\).*input \d+→\d+ px.*pixels step/,
      );
  });

  it('builds only a handful of distinct models per step (bisection over rounded specs)', () => {
    const calls = { n: 0 };
    const counted = analyticCounter(backbone, calls);
    solveStep('width', 4, { backbone, baseline, count: counted }, base);
    expect(calls.n).toBeLessThanOrEqual(20);
  });

  it('rejects a non-positive ratio', () => {
    expect(() => solveStep('depth', 0, { backbone, baseline, count }, base)).toThrow(/ratio must be > 0/);
  });
});

describe('solveLadder', () => {
  it('solves every strategy at every ratio but 1, relative to one baseline', () => {
    const count = analyticCounter(backbone);
    const ladder = solveLadder(['depth', 'compound'], [1, 2, 4], { backbone, baseline, count });
    expect(ladder.baseline.flops).toBe(count(baseline).flops);
    expect(ladder.baseline.resolution).toBe(32);
    expect(ladder.steps.map((s) => `${s.strategy}@${s.targetRatio}`)).toEqual([
      'depth@2',
      'depth@4',
      'compound@2',
      'compound@4',
    ]);
  });
});

import * as tf from '@tensorflow/tfjs';
import { createModel, planLadder, profileModel, type SolvedLadder } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The cpu backend's banner recommending tfjs-node is noise here.
  (tf.backend() as { firstUse?: boolean }).firstUse = false;
});

describe('planLadder', () => {
  const baseline = { width: 0.25, resolution: 32 };
  let ladder: SolvedLadder;
  beforeAll(() => {
    ladder = planLadder('mobilenet-v2', {
      baseline,
      ratios: [1, 2, 4],
      strategies: ['depth', 'resolution'],
      numClasses: 10,
    });
  });

  test('one step per strategy and ratio above 1, after the shared baseline', () => {
    expect(ladder.steps.map((s) => [s.strategy, s.targetRatio])).toEqual([
      ['depth', 2],
      ['depth', 4],
      ['resolution', 2],
      ['resolution', 4],
    ]);
    expect(ladder.baseline.resolution).toBe(32);
  });

  test("the baseline's FLOPs and params are those of the model createModel builds, weights and all", () => {
    const model = createModel('mobilenet-v2', { numClasses: 10, ...baseline });
    const profile = profileModel(model);
    model.dispose();
    expect(ladder.baseline.flops).toBe(profile.flops);
    expect(ladder.baseline.params).toBe(profile.params.trainable);
  });

  test('every step reports the ratio it reaches; on target means within ±5% of the target, otherwise a reason', () => {
    for (const step of ladder.steps) {
      expect(step.reachedRatio).toBeCloseTo(step.flops / ladder.baseline.flops, 12);
      expect(step.onTarget).toBe(Math.abs(step.reachedRatio / step.targetRatio - 1) <= 0.05);
      expect(step.offTargetReason === null).toBe(step.onTarget);
    }
    // At a quarter width and 32 px, rounding leaves some targets between two reachable models: both kinds occur.
    expect(ladder.steps.some((s) => s.onTarget)).toBe(true);
    expect(ladder.steps.some((s) => !s.onTarget)).toBe(true);
  });

  test('bad ratios, strategies and tolerances are refused by name', () => {
    expect(() => planLadder('mobilenet-v2', { ratios: [0] })).toThrow(/ratios must be positive numbers .* got 0/);
    expect(() => planLadder('mobilenet-v2', { strategies: ['height' as never] })).toThrow(/unknown strategy 'height'/);
    expect(() => planLadder('mobilenet-v2', { tolerance: -1 })).toThrow(/tolerance must be ≥ 0/);
  });
});

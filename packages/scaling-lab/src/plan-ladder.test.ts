import * as tf from '@tensorflow/tfjs';
import { createModel, type LadderPoint, planLadder, profileModel } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The cpu backend's banner recommending tfjs-node is noise here.
  (tf.backend() as { firstUse?: boolean }).firstUse = false;
});

describe('planLadder', () => {
  const baseline = { width: 0.25, resolution: 32 };
  let points: LadderPoint[];
  beforeAll(() => {
    points = planLadder('mobilenet-v2', { baseline, ratios: [1, 2], strategies: ['depth', 'resolution'], numClasses: 10 });
  });

  test('one point per strategy and ratio, in that order', () => {
    expect(points.map((p) => [p.strategy, p.ratio])).toEqual([['depth', 1], ['depth', 2], ['resolution', 1], ['resolution', 2]]);
  });

  test('the ×1 points are the baseline itself', () => {
    for (const p of points.filter((q) => q.ratio === 1)) {
      expect(p.reachedRatio).toBe(1);
      expect([p.depth, p.resolution]).toEqual([1, 32]);
    }
  });

  test('each point reports the FLOPs of the model createModel builds for it', () => {
    const depth2 = points[1];
    expect(depth2.depth).toBe(2);
    const model = createModel('mobilenet-v2', { numClasses: 10, width: 0.25, depth: 2, resolution: 32 });
    expect(depth2.flops).toBe(profileModel(model).flops);
    model.dispose();
    expect(depth2.reachedRatio).toBeCloseTo(depth2.flops / points[0].flops, 12);
  });

  test('resolution ×√2 at 32 px rounds to a multiple of 8 (45.3 → 48 px), so it overshoots ×2', () => {
    const resolution2 = points[3];
    expect(resolution2.resolution).toBe(48);
    expect(resolution2.reachedRatio).toBeGreaterThan(2);
  });

  test('bad ratios and strategies are refused by name', () => {
    expect(() => planLadder('mobilenet-v2', { ratios: [0] })).toThrow(/ratios must be positive numbers .* got 0/);
    expect(() => planLadder('mobilenet-v2', { strategies: ['height' as never] })).toThrow(/unknown strategy 'height'/);
  });
});

import { SweepEta } from './sweep-eta';
import type { WorkerProgress } from './worker-progress';

const packing = { jobs: 2, cores: 2, allCoresSpeedup: 1.5 };

/** A report of a one-epoch run of `steps` steps of 10 images. */
const at = (step: number, steps: number, imgPerSec: number): WorkerProgress => ({
  type: 'progress',
  epoch: 1,
  epochs: 1,
  step,
  steps,
  batchSize: 10,
  loss: 1,
  accuracy: 0.5,
  imgPerSec,
  etaSeconds: 0,
});

describe('SweepEta', () => {
  // Run a: 1000 images at 0.01 s each after a 5 s start-up; b the same; c: 1000 images at 0.02 s after 10 s.
  const costs = () =>
    new Map([
      ['a', { seconds: 15, secondsPerImage: 0.01, startupSeconds: 5 }],
      ['b', { seconds: 15, secondsPerImage: 0.01, startupSeconds: 5 }],
      ['c', { seconds: 30, secondsPerImage: 0.02, startupSeconds: 10 }],
    ]);

  it('before any report, replays the packing on the cost model (a, b side by side, then c widened)', () => {
    const eta = new SweepEta(costs(), packing).eta();
    expect(eta.measured).toBe(false);
    expect(eta.seconds).toBeCloseTo(15 + 30 / 1.5, 9);
  });

  it('packs the remaining work onto the workers at their measured speed', () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('a', at(40, 100, 50)); // 400 images done; 50 img/s × 0.01 = 0.5 units/s
    sweep.progress('b', at(20, 100, 25)); // 200 images done; 0.25 units/s
    // a and b are past their start-up; c has its 10 s start-up ahead.
    expect(sweep.remainingWork()).toEqual([
      { key: 'a', work: expect.closeTo(15 - 5 - 4, 9), startupSeconds: 0 },
      { key: 'b', work: expect.closeTo(15 - 5 - 2, 9), startupSeconds: 0 },
      { key: 'c', work: 20, startupSeconds: 10 },
    ]);
    expect(sweep.measuredSpeed()).toBeCloseTo(0.375, 12);
    // At 0.375 units/s per worker: a 16 s, b 21.3 s, c 63.3 s. a ends at 16 s and c starts beside b; b ends
    // at 21.3 s with 58 s of c left, which then runs alone on both cores at ×1.5: 21.3 + 38.7 = 60 s.
    const eta = sweep.eta();
    expect(eta.measured).toBe(true);
    expect(eta.seconds).toBeCloseTo(60, 9);
  });

  it("ignores a run's first step (its warm-up) when measuring speed", () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('a', at(1, 100, 1));
    expect(sweep.measuredSpeed()).toBeNull();
    expect(sweep.eta().measured).toBe(false);
    sweep.progress('a', at(2, 100, 100));
    expect(sweep.measuredSpeed()).toBeCloseTo(1, 12);
  });

  it('drops ended runs and keeps the last measured speed between runs', () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('a', at(50, 100, 100)); // 1 unit/s
    sweep.ended('a');
    sweep.ended('b');
    // Nothing running: c's 20 units at the last measured 1 unit/s after its 10 s start-up, alone at ×1.5.
    expect(sweep.remainingWork()).toEqual([{ key: 'c', work: 20, startupSeconds: 10 }]);
    expect(sweep.eta()).toEqual({ seconds: expect.closeTo(30 / 1.5, 9), measured: true });
    sweep.progress('c', at(50, 100, 200)); // half of c's images trained; 200 × 0.02 = 4 units/s
    expect(sweep.eta().seconds).toBeCloseTo((20 - 10) / 4 / 1.5, 9);
  });

  it('ignores reports of runs it was not given and never counts more images than the run has', () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('elsewhere', at(50, 100, 1000));
    expect(sweep.measuredSpeed()).toBeNull();
    sweep.progress('a', at(100, 100, 100));
    // Past its last step, a's worker is evaluating: its speed still converts the work left.
    expect(sweep.measuredSpeed()).toBeCloseTo(1, 12);
    // a has trained all its images: only its forward passes are left.
    expect(sweep.remainingWork()[0]).toEqual({ key: 'a', work: expect.closeTo(0, 9), startupSeconds: 0 });
  });
});

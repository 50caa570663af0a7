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
  // Run a: 1000 images at 0.01 s each + 5 s overhead; b the same; c: 1000 images at 0.02 s + 10 s.
  const costs = () =>
    new Map([
      ['a', { seconds: 15, secondsPerImage: 0.01 }],
      ['b', { seconds: 15, secondsPerImage: 0.01 }],
      ['c', { seconds: 30, secondsPerImage: 0.02 }],
    ]);

  it('before any report, replays the packing on the cost model (a, b side by side, then c widened)', () => {
    const eta = new SweepEta(costs(), packing).eta();
    expect(eta.measured).toBe(false);
    expect(eta.seconds).toBeCloseTo(15 + 30 / 1.5, 9);
  });

  it('divides the remaining work by the running workers measured throughput', () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('a', at(40, 100, 50)); // 400 images done, 50 img/s × 0.01 = 0.5 units/s
    sweep.progress('b', at(20, 100, 25)); // 200 images done, 0.25 units/s
    const remaining = 15 - 4 + (15 - 2) + 30;
    expect(sweep.remainingWork()).toBeCloseTo(remaining, 9);
    const eta = sweep.eta();
    expect(eta.measured).toBe(true);
    expect(eta.seconds).toBeCloseTo(remaining / 0.75, 9);
  });

  it("ignores a run's first step (its warm-up) when measuring speed", () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('a', at(1, 100, 1));
    expect(sweep.measuredRate()).toBeNull();
    expect(sweep.eta().measured).toBe(false);
    sweep.progress('a', at(2, 100, 100));
    expect(sweep.measuredRate()).toBeCloseTo(1, 12);
  });

  it('drops ended runs and keeps the last measured speed between runs', () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('a', at(50, 100, 100)); // 1 unit/s
    sweep.ended('a');
    sweep.ended('b');
    // Nothing running: c's 30 units at the last measured 1 unit/s.
    expect(sweep.remainingWork()).toBeCloseTo(30, 12);
    expect(sweep.eta()).toEqual({ seconds: 30, measured: true });
    sweep.progress('c', at(50, 100, 200)); // half of c's images trained, 200 × 0.02 = 4 units/s
    expect(sweep.eta().seconds).toBeCloseTo((30 - 10) / 4, 9);
  });

  it('ignores reports of runs it was not given and never counts more images than the run has', () => {
    const sweep = new SweepEta(costs(), packing);
    sweep.progress('elsewhere', at(50, 100, 1000));
    expect(sweep.measuredRate()).toBeNull();
    sweep.progress('a', at(100, 100, 100));
    expect(sweep.remainingWork()).toBeCloseTo(5 + 15 + 30, 9);
  });
});

import { PassThrough } from 'node:stream';
import type { PlannedRun } from '../catalogue/experiments';
import { LineProgress } from './progress-lines';
import { SweepEta } from './sweep-eta';
import type { WorkerProgress } from './worker-progress';

const run = (key: string) => ({ key }) as PlannedRun;
const at = (step: number): WorkerProgress => ({
  type: 'progress',
  epoch: 1,
  epochs: 1,
  step,
  steps: 100,
  batchSize: 10,
  loss: 1,
  accuracy: 0.5,
  imgPerSec: 100,
  etaSeconds: 90,
});

function capture() {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (d: Buffer) => chunks.push(d.toString()));
  return { out, lines: () => chunks.join('').trim().split('\n') };
}

describe('LineProgress', () => {
  it("prints a worker's first report at once, then at most one line per interval per worker", () => {
    let clock = 0;
    const { out, lines } = capture();
    const progress = new LineProgress(out, 15_000, () => clock);
    const eta = new SweepEta(new Map([['a', { seconds: 20, secondsPerImage: 0.01, startupSeconds: 0 }]]), {
      jobs: 2,
      cores: 2,
      allCoresSpeedup: 1,
    });
    progress.start(1, 0, eta);
    progress.runStarted(run('a'));
    progress.runProgress(run('a'), at(2));
    clock = 5_000;
    progress.runProgress(run('a'), at(30)); // within 15 s of the last line: counted, not printed
    clock = 15_000;
    progress.runProgress(run('a'), at(50));
    expect(lines()).toEqual([
      '1 runs, 0 already finished; sweep ETA ~20s (cost model)',
      '[0/1] start a',
      // 20 units of work less 20 images × 0.01, at 100 img/s × 0.01 = 1 unit/s.
      '[0/1] a: epoch 1/1 step 2/100, 100.0 img/s, ETA 1m30s; sweep ETA 20s',
      '[0/1] a: epoch 1/1 step 50/100, 100.0 img/s, ETA 1m30s; sweep ETA 15s',
    ]);
  });

  it('keeps each worker on its own clock', () => {
    let clock = 0;
    const { out, lines } = capture();
    const progress = new LineProgress(out, 10_000, () => clock);
    progress.start(2, 0);
    progress.runProgress(run('a'), at(2));
    clock = 1_000;
    progress.runProgress(run('b'), at(2));
    progress.runProgress(run('a'), at(3));
    expect(lines().filter((l) => l.includes('step'))).toEqual([
      '[0/2] a: epoch 1/1 step 2/100, 100.0 img/s, ETA 1m30s',
      '[0/2] b: epoch 1/1 step 2/100, 100.0 img/s, ETA 1m30s',
    ]);
  });
});

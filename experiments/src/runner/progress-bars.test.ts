import { PassThrough } from 'node:stream';
import type { ResultRow } from '@scaling-lab/report';
import type { PlannedRun } from '../catalogue/experiments';
import { BarProgress } from './progress-bars';
import type { WorkerProgress } from './worker-progress';

const run = (key: string) => ({ key }) as PlannedRun;
const at = (step: number): WorkerProgress => ({
  type: 'progress',
  epoch: 1,
  epochs: 2,
  step,
  steps: 100,
  batchSize: 10,
  loss: 1,
  accuracy: 0.5,
  imgPerSec: 123.4,
  etaSeconds: 150,
});

/** A terminal-like stream: what cli-progress draws, with its escape codes, as text. */
function terminal() {
  const out = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  return { out: out as unknown as NodeJS.WriteStream, text: () => text };
}

describe('BarProgress', () => {
  it('draws one bar per running worker with its epoch, step, img/s and ETA, and removes it when the run ends', async () => {
    const { out, text } = terminal();
    const progress = new BarProgress(out);
    progress.start(2, 0);
    progress.runStarted(run('baseline-s0'));
    progress.runStarted(run('width-x2-s0'));
    progress.runProgress(run('baseline-s0'), at(40));
    // cli-progress redraws on a timer; stop() draws the final frame.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(text()).toMatch(/baseline-s0 \S+ epoch 1\/2 step 40\/100 \| 123\.4 img\/s \| ETA 2m30s/);
    expect(text()).toMatch(/width-x2-s0 \S+ epoch - step starting/);
    progress.runFinished(run('baseline-s0'), { top1: 0.9, flops: 2e6, seconds: 30 } as ResultRow);
    progress.stop();
    const after = text().slice(text().lastIndexOf('done baseline-s0'));
    expect(after).toMatch(/^done baseline-s0: top-1 90\.0%, 2\.0M MACs, 30 s/);
    // The finished worker's bar is gone from the frames drawn after it ended; the sweep's counts it.
    expect(after).not.toMatch(/baseline-s0 \S+ epoch/);
    expect(after).toMatch(/sweep\s+\S+ 1\/2 runs/);
  });
});

import type { StepMetrics } from '@scaling-lab/train';
import {
  fractionDone,
  imagesDone,
  messagingProgress,
  parseWorkerProgress,
  type WorkerProgress,
} from './worker-progress';

const report: WorkerProgress = {
  type: 'progress',
  epoch: 2,
  epochs: 3,
  step: 10,
  steps: 40,
  batchSize: 64,
  loss: 0.9,
  accuracy: 0.7,
  imgPerSec: 120.5,
  etaSeconds: 61,
};

describe('parseWorkerProgress', () => {
  it('accepts a well-formed report as it came over IPC', () => {
    expect(parseWorkerProgress(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it.each([
    ['another message type', { type: 'threads', threads: 2 }],
    ['a missing field', { ...report, imgPerSec: undefined }],
    ['a step beyond the epoch', { ...report, step: 41 }],
    ['an epoch beyond the run', { ...report, epoch: 4 }],
    ['a negative speed', { ...report, imgPerSec: -1 }],
    ['a string number', { ...report, step: '10' }],
    ['an accuracy above 1', { ...report, accuracy: 1.5 }],
    ['null', null],
    ['a string', 'progress'],
  ])('drops %s', (_label, message) => {
    expect(parseWorkerProgress(message)).toBeNull();
  });
});

describe('report arithmetic', () => {
  it('counts the images and fraction of the run done', () => {
    // One whole epoch of 40 steps plus 10 steps, 64 images each.
    expect(imagesDone(report)).toBe(50 * 64);
    expect(fractionDone(report)).toBeCloseTo(50 / 120, 12);
    expect(fractionDone({ ...report, epoch: 3, step: 40 })).toBe(1);
  });
});

describe('messagingProgress', () => {
  const metrics = (step: number, extra: Partial<StepMetrics> = {}): StepMetrics => ({
    epoch: 1,
    epochs: 1,
    step,
    steps: 100,
    loss: 1,
    accuracy: 0.5,
    imgPerSec: 50,
    etaSeconds: 10,
    ...extra,
  });

  it("sends an epoch's first and last steps and at most one report per interval between them", () => {
    let clock = 0;
    const sent: WorkerProgress[] = [];
    const progress = messagingProgress(
      (m) => sent.push(m),
      32,
      1000,
      () => clock,
    );
    progress.step(metrics(1));
    clock = 400;
    progress.step(metrics(2)); // within the interval: dropped
    clock = 1000;
    progress.step(metrics(3));
    clock = 1500;
    progress.step(metrics(4)); // dropped
    clock = 1600;
    progress.step(metrics(100)); // last step of the epoch: always
    expect(sent.map((m) => m.step)).toEqual([1, 3, 100]);
    expect(sent[0]).toMatchObject({ type: 'progress', batchSize: 32, imgPerSec: 50, etaSeconds: 10 });
    // What it sends is what the sweep accepts.
    for (const m of sent) expect(parseWorkerProgress(m)).toEqual(m);
  });

  it('sends numbers the sweep accepts when the first step has no speed yet', () => {
    const sent: WorkerProgress[] = [];
    messagingProgress((m) => sent.push(m), 8).step(metrics(1, { imgPerSec: Infinity, etaSeconds: NaN }));
    expect(sent[0]).toMatchObject({ imgPerSec: 0, etaSeconds: 0 });
    expect(parseWorkerProgress(sent[0])).not.toBeNull();
  });
});

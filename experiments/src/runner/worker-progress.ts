/**
 * Live progress from inside a sweep's training children. A child sends its step metrics (epoch, step,
 * img/s, its own ETA) to the sweep over the IPC channel the sweep opened when it spawned it; the sweep
 * parses them here, at the boundary, so a malformed or foreign message is dropped rather than shown.
 */
import type { Progress as TrainProgress, StepMetrics } from '@scaling-lab/train';
import { z } from 'zod';

/** Seconds between two progress messages of one child; the first step of an epoch and its last always go. */
export const PROGRESS_MESSAGE_INTERVAL_MS = 1000;

const count = z.number().int().positive();
const nonNegative = z.number().finite().nonnegative();

export const WorkerProgressSchema = z
  .object({
    type: z.literal('progress'),
    epoch: count,
    epochs: count,
    step: count,
    steps: count,
    /** Images per training step (the recipe's batch size). */
    batchSize: count,
    loss: nonNegative,
    accuracy: z.number().min(0).max(1),
    imgPerSec: nonNegative,
    /** The child's own estimate of the seconds of training it has left (Infinity does not survive IPC). */
    etaSeconds: nonNegative,
  })
  .refine((m) => m.epoch <= m.epochs && m.step <= m.steps, { message: 'epoch/step beyond their totals' });

/** One progress report of a running training child. */
export type WorkerProgress = z.infer<typeof WorkerProgressSchema>;

/** A message from a training child as a progress report, or null when it is anything else or malformed. */
export function parseWorkerProgress(message: unknown): WorkerProgress | null {
  const parsed = WorkerProgressSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}

/** Training images a worker has finished, counted from its report (the last step of an epoch may be short). */
export function imagesDone(p: WorkerProgress): number {
  return ((p.epoch - 1) * p.steps + p.step) * p.batchSize;
}

/** Fraction of the run's training done, in [0, 1]. */
export function fractionDone(p: WorkerProgress): number {
  return Math.min(1, ((p.epoch - 1) * p.steps + p.step) / (p.epochs * p.steps));
}

/**
 * In a training child: a trainer Progress that sends throttled step reports through `send` (the IPC
 * channel to the sweep). Only numbers travel; the child's own log keeps its text lines.
 */
export function messagingProgress(
  send: (message: WorkerProgress) => void,
  batchSize: number,
  intervalMs = PROGRESS_MESSAGE_INTERVAL_MS,
  now: () => number = Date.now,
): TrainProgress {
  let last = -Infinity;
  return {
    epochStarted() {},
    step(m: StepMetrics) {
      const t = now();
      if (m.step !== 1 && m.step !== m.steps && t - last < intervalMs) return;
      last = t;
      send({
        type: 'progress',
        epoch: m.epoch,
        epochs: m.epochs,
        step: m.step,
        steps: m.steps,
        batchSize,
        loss: Number.isFinite(m.loss) ? m.loss : 0,
        accuracy: m.accuracy,
        imgPerSec: Number.isFinite(m.imgPerSec) ? m.imgPerSec : 0,
        etaSeconds: Number.isFinite(m.etaSeconds) ? m.etaSeconds : 0,
      });
    },
    epochEnded() {},
    note() {},
    stop() {},
  };
}

/** Both progress displays at once: the child's own log lines and the reports to its sweep. */
export function teeProgress(a: TrainProgress, b: TrainProgress): TrainProgress {
  return {
    epochStarted: (epoch, epochs, steps) => (
      a.epochStarted(epoch, epochs, steps),
      b.epochStarted(epoch, epochs, steps)
    ),
    step: (m) => (a.step(m), b.step(m)),
    epochEnded: (line) => (a.epochEnded(line), b.epochEnded(line)),
    note: (line) => (a.note(line), b.note(line)),
    stop: () => (a.stop(), b.stop()),
  };
}

/**
 * The sweep's progress: run-level events (start, done, failed) and, from inside each running model, its
 * epoch/step, img/s and ETA, with an ETA for the whole sweep (sweep-eta.ts). On a terminal, cli-progress
 * bars, one per worker and one for the sweep (progress-bars.ts); otherwise compact plain lines at a modest
 * interval (progress-lines.ts), for CI logs and pipes.
 */
import type { ResultRow } from '@scaling-lab/report';
import type { PlannedRun } from '../catalogue/experiments';
import type { SweepEta } from './sweep-eta';
import type { WorkerProgress } from './worker-progress';
import { BarProgress } from './progress-bars';
import { LineProgress } from './progress-lines';

export interface Progress {
  /** `eta` tracks the remaining work of the runs about to train (absent: no sweep ETA is shown). */
  start(total: number, alreadyDone: number, eta?: SweepEta): void;
  runStarted(run: PlannedRun): void;
  /** A progress report from inside the run's training process. */
  runProgress?(run: PlannedRun, report: WorkerProgress): void;
  runFinished(run: PlannedRun, row: ResultRow): void;
  runFailed(run: PlannedRun, message: string): void;
  /** Another process holds the run's lock: it is training it. */
  runElsewhere(run: PlannedRun, owner: string): void;
  /** A one-line notice that is not about one run's progress (ignored files, retrained runs). */
  warn(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Plain lines: least milliseconds between two lines of one worker (its first report prints at once). */
  readonly intervalMs?: number;
}

/** A worker's line every 15 s: a sweep of hours logs a few hundred lines, not one per step. */
export const DEFAULT_LINE_INTERVAL_MS = 15_000;

export function createProgress(stream: NodeJS.WriteStream = process.stderr, options: ProgressOptions = {}): Progress {
  return stream.isTTY
    ? new BarProgress(stream)
    : new LineProgress(stream, options.intervalMs ?? DEFAULT_LINE_INTERVAL_MS);
}

/**
 * The whole sweep's ETA, known from the first progress report of the first running worker. Work is
 * counted in the cost model's one-core seconds (estimate/cost-model.ts): multiply-adds × images × epochs
 * plus a fixed cost per layer and step. Plain MACs × images would be a fair proxy for large models only:
 * at the presets' sizes a step is mostly per-kernel overhead, so a ×4-MACs model takes far less than 4×
 * the time and a MACs-only ETA would overstate the ladder's top. The measured speed of the running
 * workers (their img/s × the model's seconds per image: work done per second) converts that work to wall
 * time on this machine as it is now, busy or not, and the remaining runs are packed onto the workers as
 * the runner will (estimate/pack-runs.ts), so a long last run is not assumed to absorb the freed workers.
 * Finished and failed runs leave the remaining work as they end. A run's start-up (process, data, model
 * build) is not training work: it is counted in plain seconds, so a slow first step never inflates it.
 */
import { type Packing, packRuns } from '../estimate/pack-runs';
import { imagesDone, type WorkerProgress } from './worker-progress';

/** A run's expected cost in one-core seconds: all of it, per training image, and its start-up. */
export interface RunCost {
  readonly seconds: number;
  readonly secondsPerImage: number;
  readonly startupSeconds: number;
}

export interface SweepEtaValue {
  readonly seconds: number;
  /** True once running workers have reported their speed; false while it rests on the cost model alone. */
  readonly measured: boolean;
}

export class SweepEta {
  private readonly remaining = new Map<string, RunCost>();
  private readonly reports = new Map<string, WorkerProgress>();
  /** Work units per wall second of one worker, as last measured. */
  private lastSpeed: number | null = null;

  /**
   * `costs`: the runs still to do, in the order they start (finished ones are not in it); `packing`: how
   * they share the machine, for the estimate made before anything is measured.
   */
  constructor(
    costs: ReadonlyMap<string, RunCost>,
    private readonly packing: Packing,
  ) {
    for (const [key, cost] of costs) this.remaining.set(key, cost);
  }

  progress(key: string, report: WorkerProgress): void {
    if (this.remaining.has(key)) this.reports.set(key, report);
    const speed = this.measuredSpeed();
    if (speed !== null) this.lastSpeed = speed;
  }

  /** A run that ended (finished, failed or found done elsewhere): its work is no longer ahead. */
  ended(key: string): void {
    this.remaining.delete(key);
    this.reports.delete(key);
  }

  /**
   * Per run still ahead, in start order: its work units left after start-up (the unstarted runs whole,
   * the running ones less the images they have trained) and its start-up seconds if it has not reported.
   */
  remainingWork(): { key: string; work: number; startupSeconds: number }[] {
    return [...this.remaining].map(([key, cost]) => {
      const report = this.reports.get(key);
      const trained =
        report === undefined ? 0 : Math.min(imagesDone(report), trainImagesOf(report)) * cost.secondsPerImage;
      return {
        key,
        work: Math.max(0, cost.seconds - cost.startupSeconds - trained),
        startupSeconds: report === undefined ? cost.startupSeconds : 0,
      };
    });
  }

  /** Mean work units per second of the reporting workers, or null before any useful report. */
  measuredSpeed(): number | null {
    const speeds: number[] = [];
    for (const [key, report] of this.reports) {
      // The first step carries the run's warm-up (kernel set-up, first allocations): its speed says little.
      // A run past its last step still counts: its worker is on its forward passes, at about that speed.
      if (report.imgPerSec <= 0 || isFirstStep(report)) continue;
      speeds.push(report.imgPerSec * this.remaining.get(key)!.secondsPerImage);
    }
    return speeds.length === 0 ? null : speeds.reduce((a, b) => a + b, 0) / speeds.length;
  }

  eta(): SweepEtaValue {
    const speed = this.measuredSpeed() ?? this.lastSpeed;
    const left = this.remainingWork();
    if (speed !== null && speed > 0) {
      const seconds = left.map((run) => run.work / speed + run.startupSeconds);
      return { seconds: packRuns(seconds, this.packing).totalSeconds, measured: true };
    }
    const seconds = left.map((run) => run.work + run.startupSeconds);
    return { seconds: packRuns(seconds, this.packing).totalSeconds, measured: false };
  }
}

function isFirstStep(report: WorkerProgress): boolean {
  return report.epoch === 1 && report.step === 1;
}

function trainImagesOf(report: WorkerProgress): number {
  return report.epochs * report.steps * report.batchSize;
}

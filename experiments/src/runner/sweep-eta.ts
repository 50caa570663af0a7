/**
 * The whole sweep's ETA, known from the first progress report of the first running worker. Work is
 * counted in the cost model's one-core seconds (estimate/cost-model.ts): multiply-adds × images × epochs
 * plus a fixed cost per layer and step. Plain MACs × images would be a fair proxy for large models only:
 * at the presets' sizes a step is mostly per-kernel overhead, so a ×4-MACs model takes far less than 4×
 * the time and a MACs-only ETA would overstate the ladder's top. The measured throughput of the running
 * workers (their img/s × the model's seconds per image) converts that work to wall time on this machine
 * as it is now, busy or not; finished and failed runs leave the remaining work as they end. A run's
 * start-up (process, data, model build) is not training work: it is counted in plain seconds, shared
 * by the workers, so a slow first step never inflates it.
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
  /** Work units per wall second of the workers last seen running. */
  private lastRate: number | null = null;

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
    const rate = this.measuredRate();
    if (rate !== null) this.lastRate = rate;
  }

  /** A run that ended (finished, failed or found done elsewhere): its work is no longer ahead. */
  ended(key: string): void {
    this.remaining.delete(key);
    this.reports.delete(key);
  }

  /**
   * Work units left after start-up: the unstarted runs whole, the running ones less the images they have
   * trained; and the start-up seconds of the runs that have not reported yet.
   */
  remainingWork(): { work: number; startupSeconds: number } {
    let work = 0;
    let startupSeconds = 0;
    for (const [key, cost] of this.remaining) {
      const report = this.reports.get(key);
      if (report === undefined) startupSeconds += cost.startupSeconds;
      const trained =
        report === undefined ? 0 : Math.min(imagesDone(report), trainImagesOf(report)) * cost.secondsPerImage;
      work += Math.max(0, cost.seconds - cost.startupSeconds - trained);
    }
    return { work, startupSeconds };
  }

  /** Sum of the running workers' throughput in work units per second, or null before any report. */
  measuredRate(): number | null {
    let rate = 0;
    let seen = false;
    for (const [key, report] of this.reports) {
      const cost = this.remaining.get(key)!;
      // The first step carries the run's warm-up (kernel set-up, first allocations): its speed says little.
      // A run past its last step still counts: its worker is on its forward passes, at about that speed.
      if (report.imgPerSec <= 0 || isFirstStep(report)) continue;
      rate += report.imgPerSec * cost.secondsPerImage;
      seen = true;
    }
    return seen ? rate : null;
  }

  eta(): SweepEtaValue {
    const rate = this.measuredRate() ?? this.lastRate;
    if (rate !== null && rate > 0) {
      const { work, startupSeconds } = this.remainingWork();
      const workers = Math.max(1, Math.min(this.packing.jobs, this.packing.cores, this.remaining.size));
      return { seconds: work / rate + startupSeconds / workers, measured: true };
    }
    const left = [...this.remaining.values()].map((cost) => cost.seconds);
    return { seconds: packRuns(left, this.packing).totalSeconds, measured: false };
  }
}

function isFirstStep(report: WorkerProgress): boolean {
  return report.epoch === 1 && report.step === 1;
}

function trainImagesOf(report: WorkerProgress): number {
  return report.epochs * report.steps * report.batchSize;
}

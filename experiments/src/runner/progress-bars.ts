/**
 * The sweep's progress on a terminal: cli-progress's MultiBar with one bar for the sweep (runs done, its
 * ETA) and one per running worker (epoch, step, img/s, the run's ETA); run events print above the bars.
 */
import { MultiBar, type SingleBar } from 'cli-progress';
import type { ResultRow } from '@scaling-lab/report';
import type { PlannedRun } from '../catalogue/experiments';
import { formatDuration } from './format-duration';
import type { Progress } from './progress';
import { describeRow, describeSweepEta } from './progress-format';
import type { SweepEta } from './sweep-eta';
import type { WorkerProgress } from './worker-progress';

const SWEEP_FORMAT = '{name} {bar} {value}/{total} runs | {sweepEta}';
const WORKER_FORMAT = '{name} {bar} epoch {epoch} step {step} | {ips} img/s | ETA {runEta}';

export class BarProgress implements Progress {
  private readonly bars: MultiBar;
  private sweep: SingleBar | null = null;
  private eta: SweepEta | undefined;
  private readonly workers = new Map<string, { bar: SingleBar; run: PlannedRun; report: WorkerProgress | null }>();
  private nameWidth = 0;

  constructor(stream: NodeJS.WriteStream) {
    this.bars = new MultiBar({ stream, hideCursor: true, barsize: 24, clearOnComplete: false, autopadding: true });
  }

  private sweepPayload() {
    return { name: 'sweep'.padEnd(this.nameWidth), sweepEta: this.eta ? describeSweepEta(this.eta.eta()) : '' };
  }

  start(total: number, alreadyDone: number, eta?: SweepEta) {
    this.eta = eta;
    this.sweep = this.bars.create(total, alreadyDone, this.sweepPayload(), { format: SWEEP_FORMAT });
  }
  runStarted(run: PlannedRun) {
    if (run.key.length > this.nameWidth) {
      this.nameWidth = run.key.length;
      // Keep the bars aligned: the running workers' names are padded to the longest.
      for (const w of this.workers.values()) w.bar.update(this.workerPayload(w.run, w.report));
    }
    const bar = this.bars.create(1, 0, this.workerPayload(run, null), { format: WORKER_FORMAT });
    this.workers.set(run.key, { bar, run, report: null });
  }
  runProgress(run: PlannedRun, report: WorkerProgress) {
    this.eta?.progress(run.key, report);
    const worker = this.workers.get(run.key);
    if (worker) {
      worker.report = report;
      worker.bar.setTotal(report.epochs * report.steps);
      worker.bar.update((report.epoch - 1) * report.steps + report.step, this.workerPayload(run, report));
    }
    this.sweep?.update(this.sweepPayload());
  }
  runFinished(run: PlannedRun, row: ResultRow) {
    this.ended(run);
    this.sweep?.increment(1, this.sweepPayload());
    this.bars.log(`done ${run.key}: ${describeRow(row)}\n`);
  }
  runFailed(run: PlannedRun, message: string) {
    this.ended(run);
    this.bars.log(`FAILED ${run.key}: ${message}\n`);
    this.sweep?.update(this.sweepPayload());
  }
  runElsewhere(run: PlannedRun, owner: string) {
    this.ended(run);
    this.bars.log(`running elsewhere ${run.key} (${owner})\n`);
  }
  warn(line: string) {
    this.bars.log(`warning: ${line}\n`);
  }
  stop() {
    // MultiBar writes logged lines on its next redraw and stop() does not redraw: without this, the
    // sweep's last lines (its last `done`) would be lost.
    this.bars.update();
    this.bars.stop();
  }

  private workerPayload(run: PlannedRun, report: WorkerProgress | null) {
    return {
      name: run.key.padEnd(this.nameWidth),
      epoch: report ? `${report.epoch}/${report.epochs}` : '-',
      step: report ? `${report.step}/${report.steps}` : 'starting',
      ips: report ? report.imgPerSec.toFixed(1) : '-',
      runEta: report ? formatDuration(report.etaSeconds) : '?',
    };
  }

  private ended(run: PlannedRun) {
    this.eta?.ended(run.key);
    const worker = this.workers.get(run.key);
    if (worker) this.bars.remove(worker.bar);
    this.workers.delete(run.key);
  }
}

/**
 * The sweep's progress as plain lines (CI logs, pipes, `nx run`): one per run event, and per running worker
 * its first report at once, then at most one line per interval, each with the sweep's ETA.
 */
import type { ResultRow } from '@scaling-lab/report';
import type { PlannedRun } from '../catalogue/experiments';
import type { Progress } from './progress';
import { describeRow, describeSweepEta, describeWorker } from './progress-format';
import type { SweepEta } from './sweep-eta';
import type { WorkerProgress } from './worker-progress';

export class LineProgress implements Progress {
  private done = 0;
  private total = 0;
  private eta: SweepEta | undefined;
  private readonly lastLine = new Map<string, number>();

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private sweepEta(): string {
    return this.eta ? `; ${describeSweepEta(this.eta.eta())}` : '';
  }

  start(total: number, alreadyDone: number, eta?: SweepEta) {
    this.total = total;
    this.done = alreadyDone;
    this.eta = eta;
    this.out.write(`${total} runs, ${alreadyDone} already finished${this.sweepEta()}\n`);
  }
  runStarted(run: PlannedRun) {
    this.out.write(`[${this.done}/${this.total}] start ${run.key}\n`);
  }
  runProgress(run: PlannedRun, report: WorkerProgress) {
    this.eta?.progress(run.key, report);
    const t = this.now();
    const last = this.lastLine.get(run.key);
    if (last !== undefined && t - last < this.intervalMs) return;
    this.lastLine.set(run.key, t);
    this.out.write(`[${this.done}/${this.total}] ${run.key}: ${describeWorker(report)}${this.sweepEta()}\n`);
  }
  runFinished(run: PlannedRun, row: ResultRow) {
    this.ended(run);
    this.done++;
    this.out.write(`[${this.done}/${this.total}] done  ${run.key}: ${describeRow(row)}${this.sweepEta()}\n`);
  }
  runFailed(run: PlannedRun, message: string) {
    this.ended(run);
    this.out.write(`[${this.done}/${this.total}] FAILED ${run.key}: ${message}\n`);
  }
  runElsewhere(run: PlannedRun, owner: string) {
    this.ended(run);
    this.out.write(`[${this.done}/${this.total}] running elsewhere ${run.key} (${owner})\n`);
  }
  warn(line: string) {
    this.out.write(`warning: ${line}\n`);
  }
  stop() {}

  private ended(run: PlannedRun) {
    this.eta?.ended(run.key);
    this.lastLine.delete(run.key);
  }
}

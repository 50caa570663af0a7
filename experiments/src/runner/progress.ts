/**
 * The sweep's overall progress: a cli-progress bar on a terminal, one plain line per event otherwise
 * (CI logs, pipes). Per-run training progress stays inside each child's own log.
 */
import { SingleBar } from 'cli-progress';
import type { ResultRow } from '@scaling-lab/report';
import type { PlannedRun } from '../catalogue/experiments';

export interface Progress {
  start(total: number, alreadyDone: number): void;
  runStarted(run: PlannedRun): void;
  runFinished(run: PlannedRun, row: ResultRow): void;
  runFailed(run: PlannedRun, message: string): void;
  /** Another process holds the run's lock: it is training it. */
  runElsewhere(run: PlannedRun, owner: string): void;
  /** A one-line notice that is not about one run's progress (ignored files, retrained runs). */
  warn(line: string): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

function describeRow(row: ResultRow): string {
  return `top-1 ${(100 * row.top1).toFixed(1)}%, ${(row.flops / 1e6).toFixed(1)}M MACs, ${row.seconds.toFixed(0)} s`;
}

class LineProgress implements Progress {
  private done = 0;
  private total = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}
  start(total: number, alreadyDone: number) {
    this.total = total;
    this.done = alreadyDone;
    this.out.write(`${total} runs, ${alreadyDone} already finished\n`);
  }
  runStarted(run: PlannedRun) {
    this.out.write(`[${this.done}/${this.total}] start ${run.key}\n`);
  }
  runFinished(run: PlannedRun, row: ResultRow) {
    this.done++;
    this.out.write(`[${this.done}/${this.total}] done  ${run.key}: ${describeRow(row)}\n`);
  }
  runFailed(run: PlannedRun, message: string) {
    this.out.write(`[${this.done}/${this.total}] FAILED ${run.key}: ${message}\n`);
  }
  runElsewhere(run: PlannedRun, owner: string) {
    this.out.write(`[${this.done}/${this.total}] running elsewhere ${run.key} (${owner})\n`);
  }
  warn(line: string) {
    this.out.write(`warning: ${line}\n`);
  }
  stop() {}
}

class BarProgress implements Progress {
  private readonly bar: SingleBar;
  private running = new Set<string>();
  constructor(private readonly out: NodeJS.WriteStream) {
    this.bar = new SingleBar({
      stream: out,
      format: 'runs {bar} {value}/{total} | ETA {eta_formatted} | {running}',
      hideCursor: true,
      etaBuffer: 4,
    });
  }
  start(total: number, alreadyDone: number) {
    this.bar.start(total, alreadyDone, { running: '' });
  }
  runStarted(run: PlannedRun) {
    this.running.add(run.key);
    this.bar.update({ running: [...this.running].join(', ') });
  }
  runFinished(run: PlannedRun, row: ResultRow) {
    this.running.delete(run.key);
    this.bar.increment(1, { running: [...this.running].join(', ') });
    this.bar.stop();
    this.out.write(`done ${run.key}: ${describeRow(row)}\n`);
    this.bar.start(this.bar.getTotal(), this.bar.getProgress() * this.bar.getTotal(), {
      running: [...this.running].join(', '),
    });
  }
  runFailed(run: PlannedRun, message: string) {
    this.running.delete(run.key);
    this.bar.stop();
    this.out.write(`FAILED ${run.key}: ${message}\n`);
    this.bar.start(this.bar.getTotal(), this.bar.getProgress() * this.bar.getTotal(), {
      running: [...this.running].join(', '),
    });
  }
  runElsewhere(run: PlannedRun, owner: string) {
    this.bar.stop();
    this.out.write(`running elsewhere ${run.key} (${owner})\n`);
    this.bar.start(this.bar.getTotal(), this.bar.getProgress() * this.bar.getTotal(), {
      running: [...this.running].join(', '),
    });
  }
  warn(line: string) {
    this.out.write(`warning: ${line}\n`);
  }
  stop() {
    this.bar.stop();
  }
}

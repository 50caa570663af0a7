/**
 * Training progress on stderr (stdout stays free for --json): a cli-progress bar per epoch when stderr is a
 * terminal, otherwise one plain line per interval (CI logs, pipes, a sweep's child logs), plus one summary
 * line per epoch in both cases.
 */
import { SingleBar } from 'cli-progress';

export interface StepMetrics {
  readonly epoch: number; // 1-based
  readonly epochs: number;
  readonly step: number; // within the epoch, 1-based
  readonly steps: number;
  /** Running mean training loss and accuracy of the epoch so far. */
  readonly loss: number;
  readonly accuracy: number;
  readonly imgPerSec: number;
  /** Seconds of training left in the whole run at the current rate. */
  readonly etaSeconds: number;
}

export interface Progress {
  epochStarted(epoch: number, epochs: number, steps: number): void;
  step(metrics: StepMetrics): void;
  /** Ends the epoch's bar and prints its summary line. */
  epochEnded(line: string): void;
  /** A one-off line (resume notice, warnings) that does not garble the bar. */
  note(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  /** Force plain lines (true) or the bar (false); default: bar only on a TTY. */
  readonly plain?: boolean;
  /** Seconds between plain lines. */
  readonly intervalSeconds?: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function formatStep(m: StepMetrics): string {
  return (
    `epoch ${m.epoch}/${m.epochs} step ${m.step}/${m.steps} loss ${m.loss.toFixed(4)} acc ${(100 * m.accuracy).toFixed(1)}% ` +
    `${m.imgPerSec.toFixed(1)} img/s ETA ${formatDuration(m.etaSeconds)}`
  );
}

/** Silent progress, for tests and in-process callers that report on their own. */
export const NO_PROGRESS: Progress = { epochStarted() {}, step() {}, epochEnded() {}, note() {}, stop() {} };

export function makeProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const plain = options.plain ?? !stream.isTTY;
  return plain ? plainProgress(stream, (options.intervalSeconds ?? 10) * 1000) : barProgress(stream);
}

function plainProgress(stream: NodeJS.WriteStream, intervalMs: number): Progress {
  let last = 0;
  return {
    epochStarted() {
      last = Date.now();
    },
    step(m) {
      const now = Date.now();
      if (now - last >= intervalMs && m.step < m.steps) {
        last = now;
        stream.write(`${formatStep(m)}\n`);
      }
    },
    epochEnded: (line) => stream.write(`${line}\n`),
    note: (line) => stream.write(`${line}\n`),
    stop() {},
  };
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  let bar: SingleBar | null = null;
  const end = () => {
    bar?.stop();
    bar = null;
  };
  return {
    epochStarted(epoch, epochs, steps) {
      end();
      bar = new SingleBar({
        stream,
        format: 'epoch {epoch} [{bar}] {value}/{total} | loss {loss} | acc {acc} | {ips} img/s | ETA {runEta}',
        barsize: 24,
        hideCursor: false,
        clearOnComplete: true,
      });
      bar.start(steps, 0, { epoch: `${epoch}/${epochs}`, loss: '-', acc: '-', ips: '-', runEta: '?' });
    },
    step(m) {
      bar?.update(m.step, {
        loss: m.loss.toFixed(4),
        acc: `${(100 * m.accuracy).toFixed(1)}%`,
        ips: m.imgPerSec.toFixed(1),
        runEta: formatDuration(m.etaSeconds),
      });
    },
    epochEnded(line) {
      end();
      stream.write(`${line}\n`);
    },
    note(line) {
      if (bar == null) stream.write(`${line}\n`);
      else {
        // Print above the bar: clear its line, write, and let the next update redraw it.
        stream.write(`\r\x1b[K${line}\n`);
      }
    },
    stop: end,
  };
}

/** The words of the sweep's progress, shared by its terminal bars and its plain lines. */
import type { ResultRow } from '@scaling-lab/report';
import { formatDuration } from './format-duration';
import type { SweepEtaValue } from './sweep-eta';
import type { WorkerProgress } from './worker-progress';

export function describeRow(row: ResultRow): string {
  return `top-1 ${(100 * row.top1).toFixed(1)}%, ${(row.flops / 1e6).toFixed(1)}M MACs, ${row.seconds.toFixed(0)} s`;
}

/** `epoch 1/2 step 40/234, 85.1 img/s, ETA 2m16s`: where a worker is inside its run. */
export function describeWorker(report: WorkerProgress): string {
  return (
    `epoch ${report.epoch}/${report.epochs} step ${report.step}/${report.steps}, ` +
    `${report.imgPerSec.toFixed(1)} img/s, ETA ${formatDuration(report.etaSeconds)}`
  );
}

/** `sweep ETA 12m30s` once measured, `sweep ETA ~14m (cost model)` before any worker reported. */
export function describeSweepEta(eta: SweepEtaValue | null): string {
  if (eta === null) return 'sweep ETA ?';
  return eta.measured
    ? `sweep ETA ${formatDuration(eta.seconds)}`
    : `sweep ETA ~${formatDuration(eta.seconds)} (cost model)`;
}

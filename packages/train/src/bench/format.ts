// Plain-text table of a benchmark result: one row per model, tfjs and PyTorch images/s and the
// tfjs/PyTorch ratio, followed by the PyTorch status line when it did not run.
import type { TrainBenchResult } from './train-bench';

function num(v: number | null, digits = 1): string {
  return v == null || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

function ratio(a: number | null, b: number | null): string {
  return a == null || b == null || b === 0 ? '-' : `${(a / b).toFixed(2)}x`;
}

export function formatTrainBench(r: TrainBenchResult): string {
  if (r.native != null && !r.native.enabled) return `wasm+native: skipped (native kernels unavailable: ${r.native.reason})`;
  const label = r.native?.enabled ? 'wasm+native' : r.backend === 'wasm' ? `wasm${r.wasmKernels ? '+kernels' : ' (stock)'}` : r.backend;
  const header = ['model', 'batch', `${label} train img/s`, `${label} fwd img/s`, 'torch train img/s', 'torch fwd img/s', 'train ratio', 'fwd ratio'];
  const rows = r.rows.map((row) => [
    row.model,
    String(row.batch),
    num(row.trainImgPerSec),
    num(row.forwardImgPerSec),
    num(row.torchTrainImgPerSec),
    num(row.torchForwardImgPerSec),
    ratio(row.trainImgPerSec, row.torchTrainImgPerSec),
    ratio(row.forwardImgPerSec, row.torchForwardImgPerSec),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  if (r.native?.enabled) out.push(`native kernels: ${r.native.reason}`);
  if (!r.torch.available) out.push(`PyTorch: skipped (${r.torch.reason})`);
  else out.push(`PyTorch ${r.torch.torchVersion}, 1 thread (${r.torch.python})`);
  return out.join('\n');
}

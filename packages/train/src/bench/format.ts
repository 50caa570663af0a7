// Plain-text table of a benchmark result: one row per model and backend path with kernels per training
// step and per inference pass, parameters (ours and PyTorch's equivalent), images/s and the ratio to PyTorch on one thread;
// then what each path ran on or why it could not run, and the PyTorch status line.
import type { BenchRow, TrainBenchResult } from './train-bench';

function num(v: number | null, digits = 1): string {
  return v == null || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

function ratio(v: number | null): string {
  return v == null || !Number.isFinite(v) ? '-' : `${v.toFixed(2)}x`;
}

function params(row: BenchRow): string {
  if (row.torchParams == null) return String(row.params);
  return row.torchParams === row.params ? `${row.params} (=)` : `${row.params} vs ${row.torchParams}`;
}

export function formatTrainBench(r: TrainBenchResult): string {
  const header = [
    'model',
    'path',
    'params (ours vs torch)',
    'kernels/step',
    'train img/s',
    'torch train',
    'train ratio',
    'kernels/fwd',
    'fwd img/s',
    'torch fwd',
    'fwd ratio',
  ];
  const rows = r.rows.map((row) => [
    row.model,
    row.path,
    params(row),
    String(row.kernelsPerStep),
    num(row.trainImgPerSec),
    num(row.torchTrainImgPerSec),
    ratio(row.trainRatio),
    row.kernelsPerForward == null ? '-' : String(row.kernelsPerForward),
    num(row.forwardImgPerSec),
    num(row.torchForwardImgPerSec),
    ratio(row.forwardRatio),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [
    `batch ${r.batch}, tfjs ${r.tfjsVersion}`,
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ];
  for (const p of r.paths) {
    if (!p.ran) out.push(`${p.name}: not measured (${p.reason})`);
    else if (p.note != null) out.push(`${p.name}: ${p.note}`);
  }
  if (!r.torch.available) out.push(`PyTorch: skipped (${r.torch.reason})`);
  else out.push(`PyTorch ${r.torch.torchVersion}, 1 thread (${r.torch.python})`);
  return out.join('\n');
}

/**
 * One point per (strategy, step): the mean over seeds of every measurement, with sample sd and n for top-1,
 * so a chart or table shows mean ± sd when seeds > 1 (docs/architecture.md "Results and reports") without the spec
 * having to aggregate. Accuracies become percentages here, once.
 */
import { type ResultRow, compareStrategies } from '../result-row';
import { scaleLabel } from './scale-label';

export interface ChartPoint {
  strategy: string;
  step: number;
  label: string;
  /** Number of seeds averaged. */
  n: number;
  seeds: string;
  /** Top-1 accuracy in percent: mean, sample sd (null for one seed) and mean ± sd. */
  top1: number;
  top1Sd: number | null;
  top1Low: number;
  top1High: number;
  top5: number;
  loss: number;
  flops: number;
  params: number;
  depth: number;
  width: number;
  resolution: number;
  phi: number | null;
  epochs: number;
  seconds: number;
  imgPerSec: number | null;
  backend: string;
  dataset: string;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n − 1), the usual choice when reporting spread over a few seeds. */
export function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Rounded so embedded data stays short and byte-for-byte deterministic. */
function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

export function chartPoints(rows: readonly ResultRow[]): ChartPoint[] {
  const groups = new Map<string, ResultRow[]>();
  for (const row of rows) {
    const key = `${row.strategy}\u0000${row.step}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const baseResolution = rows.find((r) => r.step === 1)?.resolution;
  const points = [...groups.values()].map((g) => toPoint(g, baseResolution));
  return points.sort((a, b) => compareStrategies(a.strategy, b.strategy) || a.step - b.step);
}

function toPoint(group: ResultRow[], baseResolution: number | undefined): ChartPoint {
  const rows = [...group].sort((a, b) => a.seed - b.seed);
  const first = rows[0];
  const top1s = rows.map((r) => r.top1 * 100);
  const top1 = mean(top1s);
  const sd = sampleSd(top1s);
  const avg = (f: (r: ResultRow) => number) => mean(rows.map(f));
  // Runs without measured training time have no speed; they are left out, not counted as 0.
  const measured = rows.flatMap((r) => (r.imgPerSec === null ? [] : [r.imgPerSec]));
  const distinct = (f: (r: ResultRow) => string) => [...new Set(rows.map(f))].join(', ');
  return {
    strategy: first.strategy,
    step: first.step,
    label: scaleLabel({ ...first, baseResolution }),
    n: rows.length,
    seeds: rows.map((r) => r.seed).join(', '),
    top1: round(top1, 3),
    top1Sd: sd === null ? null : round(sd, 3),
    top1Low: round(top1 - (sd ?? 0), 3),
    top1High: round(top1 + (sd ?? 0), 3),
    top5: round(
      avg((r) => r.top5 * 100),
      3,
    ),
    loss: round(
      avg((r) => r.loss),
      4,
    ),
    // Seeds of one configuration build the same model; averaging only guards against mixed inputs.
    flops: Math.round(avg((r) => r.flops)),
    params: Math.round(avg((r) => r.params)),
    depth: first.depth,
    width: first.width,
    resolution: first.resolution,
    phi: first.phi,
    epochs: first.epochs,
    seconds: round(
      avg((r) => r.seconds),
      1,
    ),
    imgPerSec: measured.length > 0 ? round(mean(measured), 1) : null,
    backend: distinct((r) => r.backend),
    dataset: distinct((r) => r.dataset),
  };
}

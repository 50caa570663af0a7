/**
 * Headline numbers of an experiment: progress, best result, the baseline, and the strategies ranked at the
 * largest FLOPs level every strategy reached (the paper's question: which knob buys most accuracy per FLOP).
 * Stored in report.json so the reports index can show them without re-reading results.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import type { SummaryTable } from './summary-table';
import { formatFlops, formatStep, formatTop1 } from './format';

export interface HeadlinePoint {
  strategy: string;
  step: number;
  label: string;
  top1: number;
  top1Sd: number | null;
  n: number;
  flops: number;
}

export interface Headline {
  planned: number;
  finished: number;
  missing: number;
  best: HeadlinePoint | null;
  baseline: HeadlinePoint | null;
  /** Strategies ranked by top-1 at the largest step where all of them have a result. */
  matched: { step: number; ranking: HeadlinePoint[] } | null;
}

function pick(p: ChartPoint): HeadlinePoint {
  return { strategy: p.strategy, step: p.step, label: p.label, top1: p.top1, top1Sd: p.top1Sd, n: p.n, flops: p.flops };
}

export function headline(
  points: readonly ChartPoint[],
  table: SummaryTable,
  counts: { planned: number; finished: number; missing: number },
): Headline {
  const best = points.length > 0 ? points.reduce((a, b) => (b.top1 > a.top1 ? b : a)) : null;
  const baseline = points.find((p) => p.step === 1) ?? null;
  const complete = [...table.rows].reverse().find((r) => r.step > 1 && r.cells.length > 1 && r.cells.every((c) => c));
  return {
    ...counts,
    best: best && pick(best),
    baseline: baseline && pick(baseline),
    matched: complete
      ? {
          step: complete.step,
          ranking: complete.cells.map((c) => pick(c!.point)).sort((a, b) => b.top1 - a.top1),
        }
      : null,
  };
}

/** The headline as short sentences, for the HTML page, summary.md and the CLI. */
export function headlineLines(h: Headline): string[] {
  const lines = [`Finished ${h.finished} of ${h.planned} planned runs` + (h.missing ? ` (${h.missing} missing).` : '.')];
  if (h.best) {
    lines.push(
      `Best top-1: ${formatTop1(h.best)}% — ${h.best.strategy} ${h.best.label} at ${formatFlops(h.best.flops)} ` +
        `multiply-adds (${formatStep(h.best.step)}).`,
    );
  }
  if (h.baseline) lines.push(`Baseline (k=1): ${formatTop1(h.baseline)}% at ${formatFlops(h.baseline.flops)} multiply-adds.`);
  if (h.matched) {
    const ranking = h.matched.ranking.map((p) => `${p.strategy} ${formatTop1(p)}%`).join(', ');
    lines.push(`At matched FLOPs ${formatStep(h.matched.step)}: ${ranking}.`);
  }
  return lines;
}

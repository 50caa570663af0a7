/**
 * Headline numbers of an experiment: progress (in runs: the shared baseline counts once), best result, the
 * baseline, and the verdicts at equal reached FLOPs (the paper's question: which knob buys most accuracy per
 * FLOP). Stored in report.json so the reports index can show them without re-reading results.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import type { SummaryTable } from './summary-table';
import { formatFlops, formatStep, formatTop1 } from './format';
import { type Verdict, verdicts } from './verdict';

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
  /** One verdict per FLOPs level of the ladder (ratios > 1), comparing strategies only at equal reached FLOPs. */
  verdicts: Verdict[];
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
  const strategies = new Set(points.map((p) => p.strategy));
  return {
    ...counts,
    best: best && pick(best),
    baseline: baseline && pick(baseline),
    verdicts:
      strategies.size < 2
        ? []
        : verdicts(
            points,
            table.rows.map((r) => r.step),
          ),
  };
}

/** The headline as short sentences, for the HTML page, summary.md and the CLI: progress, then verdicts. */
export function headlineLines(h: Headline): string[] {
  return [...progressLines(h), ...verdictLines(h)];
}

/** Each verdict as a sentence. */
export function verdictLines(h: Headline): string[] {
  return (h.verdicts ?? []).map((v) => v.sentence.charAt(0).toUpperCase() + v.sentence.slice(1));
}

/** Runs finished, the best result and the baseline. */
export function progressLines(h: Headline): string[] {
  const lines = [
    `Finished ${h.finished} of ${h.planned} planned runs` + (h.missing ? ` (${h.missing} missing).` : '.'),
  ];
  if (h.best) {
    lines.push(
      `Best top-1: ${formatTop1(h.best)}% — ${h.best.strategy} ${h.best.label} at ${formatFlops(h.best.flops)} ` +
        `multiply-adds (${formatStep(h.best.step)}).`,
    );
  }
  if (h.baseline)
    lines.push(`Baseline (k=1): ${formatTop1(h.baseline)}% at ${formatFlops(h.baseline.flops)} multiply-adds.`);
  return lines;
}

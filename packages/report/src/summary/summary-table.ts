/**
 * The Table-3-style comparison (EfficientNet paper, Table 3: scaling methods at matched FLOPs) as data:
 * one row per ladder step k, one column per strategy, each cell the aggregated point reached there, with the
 * best top-1 of the row flagged. Markdown and HTML renderings read this one model.
 */
import type { ChartPoint } from '../aggregate/chart-points';
import { type PlannedPoint, compareStrategies } from '../result-row';
import { baselineFlops, MATCH_TOLERANCE } from './verdict';

export interface SummaryCell {
  point: ChartPoint;
  best: boolean;
  /** Whether the point's reached FLOPs are within the tolerance of the row's level (k × the baseline's). */
  matched: boolean;
}

export interface SummaryRow {
  step: number;
  /** Aligned with SummaryTable.strategies; null where no run of that strategy finished at this step. */
  cells: (SummaryCell | null)[];
}

export interface SummaryTable {
  strategies: string[];
  rows: SummaryRow[];
}

export function summaryTable(points: readonly ChartPoint[], planned: readonly PlannedPoint[]): SummaryTable {
  const strategies = [...new Set([...planned.map((p) => p.strategy), ...points.map((p) => p.strategy)])].sort(
    compareStrategies,
  );
  const steps = [...new Set([...planned.map((p) => p.step), ...points.map((p) => p.step)])].sort((a, b) => a - b);
  const base = baselineFlops(points);
  const rows = steps.map((step) => {
    const cells = strategies.map((s) => {
      const point = points.find((p) => p.strategy === s && p.step === step);
      const matched =
        point !== undefined && base !== null && Math.abs(point.flops / (step * base) - 1) <= MATCH_TOLERANCE + 1e-12;
      return point ? { point, best: false, matched } : null;
    });
    // Only points at equal reached FLOPs compete; a lone result has nothing to beat.
    const present = cells.filter((c): c is SummaryCell => c !== null && c.matched);
    if (present.length >= 2) {
      const top = Math.max(...present.map((c) => c.point.top1));
      for (const c of present) c.best = c.point.top1 === top;
    }
    return { step, cells };
  });
  return { strategies, rows };
}

/**
 * Everything derived from an experiment's rows, computed once and shared by every output file: aggregated
 * points, missing planned points, the Table-3 model, headline numbers and the chart spec.
 */
import { type ChartPoint, chartPoints } from '../aggregate/chart-points';
import { missingPoints } from '../aggregate/missing-points';
import { type ExperimentInfo, type PlannedPoint, type ResultRow, sortRows } from '../result-row';
import { experimentChartSpec } from '../specs/chart-spec';
import { type Headline, headline } from '../summary/headline';
import { type SummaryTable, summaryTable } from '../summary/summary-table';

export interface ExperimentReport {
  info: ExperimentInfo;
  rows: ResultRow[];
  points: ChartPoint[];
  missing: PlannedPoint[];
  table: SummaryTable;
  headline: Headline;
  spec: Record<string, unknown>;
}

/** Contents of report.json: what the reports index shows for one experiment. */
export interface ReportJson {
  name: string;
  title: string;
  backbone: string;
  dataset: string;
  preset: string;
  headline: Headline;
}

export function buildExperimentReport(info: ExperimentInfo, rows: readonly ResultRow[]): ExperimentReport {
  const sorted = sortRows(rows);
  const points = chartPoints(sorted);
  const missing = missingPoints(info.planned, sorted);
  const table = summaryTable(points, info.planned);
  const plannedCount = runCount(info.planned);
  const finished = runCount(sorted);
  const head = headline(points, table, { planned: plannedCount, finished, missing: runCount(missing) });
  const spec = experimentChartSpec(info, points, { finished, planned: plannedCount });
  return { info, rows: sorted, points, missing, table, headline: head, spec };
}

/**
 * Runs behind rows or planned points: the k=1 baseline is one run shared by every strategy line (stored
 * once per line), so it counts once per seed.
 */
export function runCount(points: readonly { strategy: string; step: number; seed: number }[]): number {
  return new Set(points.map((p) => (p.step === 1 ? `baseline-${p.seed}` : `${p.strategy}-${p.step}-${p.seed}`))).size;
}

export function reportJson(report: ExperimentReport): ReportJson {
  const { name, title, backbone, dataset, preset } = report.info;
  return { name, title, backbone, dataset, preset, headline: report.headline };
}

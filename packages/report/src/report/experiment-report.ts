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
  const plannedCount = new Set(info.planned.map((p) => `${p.strategy}-${p.step}-${p.seed}`)).size;
  const head = headline(points, table, { planned: plannedCount, finished: sorted.length, missing: missing.length });
  const spec = experimentChartSpec(info, points, { finished: sorted.length, planned: plannedCount });
  return { info, rows: sorted, points, missing, table, headline: head, spec };
}

export function reportJson(report: ExperimentReport): ReportJson {
  const { name, title, backbone, dataset, preset } = report.info;
  return { name, title, backbone, dataset, preset, headline: report.headline };
}

/**
 * Renders an experiment's report from its results store(s): the planned points tell the report which
 * points are missing, so a partial or empty store still gives an honest report.
 */
import { type ExperimentInfo, mergeStores, type ResultRow, runCount, writeExperimentReport, writeReportsIndex } from '@scaling-lab/report';
import { type Experiment, planRuns } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';
import { reportDir } from '../paths';

export function experimentInfo(experiment: Experiment, preset: Preset, seeds: number): ExperimentInfo {
  return {
    name: experiment.name,
    title: experiment.title,
    backbone: experiment.backbone,
    dataset: preset.dataset,
    preset: preset.id,
    planned: planRuns(experiment, preset, seeds).flatMap((run) =>
      run.strategies.map((strategy) => ({ strategy, step: run.step, seed: run.seed })),
    ),
  };
}

export interface WrittenReport {
  readonly dir: string;
  readonly rows: ResultRow[];
  readonly missing: number;
}

export async function writeReportFromStores(
  experiment: Experiment,
  preset: Preset,
  seeds: number,
  storeDirs: readonly string[],
  reportsRoot: string,
): Promise<WrittenReport> {
  const info = experimentInfo(experiment, preset, seeds);
  const merged = await mergeStores(storeDirs);
  const rows = merged.rows.filter((r) => r.experiment === experiment.name);
  const dir = reportDir(reportsRoot, experiment.name, preset.id);
  await writeExperimentReport(info, rows, dir);
  await writeReportsIndex(reportsRoot);
  const have = new Set(rows.map((r) => `${r.strategy}|${r.step}|${r.seed}`));
  // In runs, not rows: a missing shared baseline is one run, however many strategy lines it belongs to.
  const missing = runCount(info.planned.filter((p) => !have.has(`${p.strategy}|${p.step}|${p.seed}`)));
  return { dir, rows, missing };
}

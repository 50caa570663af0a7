/**
 * Renders an experiment's report from its results store(s). The rows say how they were made: preset,
 * dataset and recipe come from them, rows that disagree with each other (or with an explicit --preset) are
 * refused, and an existing report is never replaced by an empty one (a mistyped --store). The planned
 * points tell the report which points are missing, so a partial store still gives an honest report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type ExperimentInfo,
  mergeStores,
  type ResultRow,
  runCount,
  writeExperimentReport,
  writeReportsIndex,
} from '@scaling-lab/report';
import { canonicalJson, pointKey } from '@scaling-lab/run-record';
import { type Experiment, planRuns } from '../catalogue/experiments';
import { type Preset, PRESET_IDS, PRESETS, type PresetId } from '../catalogue/presets';
import { RunError, UsageError } from '../cli/errors';
import { reportDir } from '../paths';

export function experimentInfo(
  experiment: Experiment,
  preset: Preset,
  seeds: number,
  dataset = preset.dataset,
): ExperimentInfo {
  return {
    name: experiment.name,
    title: experiment.title,
    backbone: experiment.backbone,
    dataset,
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

export interface ReportTarget {
  readonly experiment: Experiment;
  /** The preset given or implied; the rows' own preset replaces it unless `presetGiven`. */
  readonly preset: Preset;
  /** True when the user named the preset (--preset): rows of another preset are then refused. */
  readonly presetGiven: boolean;
  /** A --config experiment: its report lives under custom/. */
  readonly custom: boolean;
  /** Seeds per point; default: the preset's. */
  readonly seeds?: number;
}

/** The single value of `field` over all rows, or a UsageError naming the disagreeing values. */
function agreed(
  rows: readonly ResultRow[],
  field: 'preset' | 'dataset' | 'recipe',
  stores: string,
): string | undefined {
  const values = [...new Set(rows.map((r) => canonicalJson(r[field])))];
  if (values.length > 1) {
    throw new UsageError(
      `the rows of ${rows[0].experiment} in ${stores} disagree on ${field}: ${values.slice(0, 2).join(' vs ')}; report stores of one sweep only`,
    );
  }
  return values[0];
}

export async function writeReportFromStores(
  target: ReportTarget,
  storeDirs: readonly string[],
  reportsRoot: string,
): Promise<WrittenReport> {
  const { experiment } = target;
  const merged = await mergeStores(storeDirs);
  const rows = merged.rows.filter((r) => r.experiment === experiment.name);
  const stores = storeDirs.join(', ');
  let preset = target.preset;
  const rowsPreset = agreed(rows, 'preset', stores);
  const rowsDataset = agreed(rows, 'dataset', stores);
  agreed(rows, 'recipe', stores);
  if (rowsPreset !== undefined) {
    const id = JSON.parse(rowsPreset) as string;
    if (target.presetGiven && id !== preset.id) {
      throw new UsageError(
        `--preset ${preset.id} does not match the rows in ${stores}, which were made with preset '${id}'; use --preset ${id} or another --store`,
      );
    }
    if (!target.custom && (PRESET_IDS as readonly string[]).includes(id)) preset = PRESETS[id as PresetId];
  }
  const dir = reportDir(reportsRoot, experiment.name, target.custom ? 'custom' : preset.id);
  if (rows.length === 0 && fs.existsSync(path.join(dir, 'results.csv'))) {
    throw new RunError(
      `no rows of ${experiment.name} in ${stores}; the existing report in ${dir} is kept (check --store)`,
    );
  }
  const info = experimentInfo(
    experiment,
    preset,
    target.seeds ?? preset.seeds,
    rowsDataset === undefined ? preset.dataset : (JSON.parse(rowsDataset) as string),
  );
  await writeExperimentReport(info, rows, dir);
  await writeReportsIndex(reportsRoot);
  const have = new Set(rows.map(pointKey));
  // In runs, not rows: a missing shared baseline is one run, however many strategy lines it belongs to.
  const missing = runCount(info.planned.filter((p) => !have.has(pointKey(p))));
  return { dir, rows, missing };
}

/**
 * `runExperiment`: trains an experiment's ladder and writes its report, as `scaling-lab run` does. Each run
 * trains in its own process (this package's `scaling-lab` command); finished runs are kept in the results
 * store, so calling it again skips them and resumes unfinished ones. The runner and the report renderer
 * load on first call, so importing the library stays light.
 */
import * as path from 'node:path';
import type { BACKEND_CHOICES, Preset, PresetId, Progress } from '@scaling-lab/experiments';

export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface RunExperimentOptions {
  /** Default 'quick'. */
  readonly preset?: PresetId;
  /** Seeds per point; default: the preset's. */
  readonly seeds?: number;
  /** Training processes at once; default: the number of cores. */
  readonly jobs?: number;
  /** Results store; default `.scaling-lab/runs/<preset>/<experiment>` under the current directory. */
  readonly storeDir?: string;
  /** Reports root; default `reports` under the current directory. */
  readonly reportsDir?: string;
  readonly backend?: BackendChoice;
  /** Dataset directory; default $SCALING_LAB_DATA, then the Debian location. */
  readonly dataDir?: string;
  /** Called as runs start, finish and fail; silent when absent. */
  readonly progress?: Progress;
}

export interface ExperimentOutcome {
  readonly experiment: string;
  readonly preset: PresetId;
  /** Run keys trained by this call, already finished before it, and failed (with the reason). */
  readonly trained: readonly string[];
  readonly skipped: readonly string[];
  readonly failed: readonly { key: string; message: string }[];
  /** Runs another process was training (its lock held) when this call reached them, with that owner. */
  readonly elsewhere: readonly { key: string; owner: string }[];
  /** The report's directory (index.html, results.csv, chart.svg, summary.md). */
  readonly reportDir: string;
}

const SILENT: Progress = {
  start() {},
  runStarted() {},
  runFinished() {},
  runFailed() {},
  runElsewhere() {},
  warn() {},
  stop() {},
};

/** Runs catalogue experiment `name` (e.g. 'resnet-compound'; `scaling-lab list` shows all); resolves once its report is written. */
export async function runExperiment(name: string, options: RunExperimentOptions = {}): Promise<ExperimentOutcome> {
  const { defaultJobs, getExperiment, PRESETS, runSweep, writeReportFromStores } =
    await import('@scaling-lab/experiments');
  const experiment = getExperiment(name);
  const presetId = options.preset ?? 'quick';
  if (!Object.hasOwn(PRESETS, presetId)) {
    throw new RangeError(
      `runExperiment: unknown preset '${presetId}'; choose one of ${Object.keys(PRESETS).join(', ')}`,
    );
  }
  const preset: Preset = PRESETS[presetId];
  const seeds = options.seeds ?? preset.seeds;
  const storeDir = path.resolve(options.storeDir ?? path.join('.scaling-lab', 'runs', preset.id, experiment.name));
  const outcome = await runSweep({
    experiment,
    preset,
    seeds,
    storeDir,
    jobs: options.jobs ?? defaultJobs(),
    backend: options.backend ?? 'auto',
    dataDir: options.dataDir,
    progress: options.progress ?? SILENT,
  });
  const target = { experiment, preset, presetGiven: options.preset !== undefined, custom: false, seeds };
  const report = await writeReportFromStores(target, [storeDir], path.resolve(options.reportsDir ?? 'reports'));
  return {
    experiment: experiment.name,
    preset: preset.id,
    trained: outcome.trained,
    skipped: outcome.skipped,
    failed: outcome.failed,
    elsewhere: outcome.elsewhere,
    reportDir: report.dir,
  };
}

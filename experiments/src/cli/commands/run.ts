/**
 * `scaling-lab run <experiment>`: trains every point of an experiment's FLOPs-matched ladder (skipping
 * finished runs, resuming unfinished ones) and writes its report.
 */
import * as path from 'node:path';
import type { Command } from 'commander';
import { loadExperimentConfig } from '../../catalogue/config-file';
import { type Experiment, getExperiment, planRuns } from '../../catalogue/experiments';
import { type Preset, PRESET_IDS, PRESETS, type PresetId } from '../../catalogue/presets';
import { ensureRunDir } from '@scaling-lab/train';
import { DEFAULT_PRESET, defaultReportsRoot, defaultStoreDir, reportDir } from '../../paths';
import { dryRunPlan, formatDryRun } from '../../runner/dry-run';
import { validatePlan } from '../../runner/validate-plan';
import { createProgress } from '../../runner/progress';
import { defaultJobs, runSweep } from '../../runner/run-experiment';
import { parseShardFlag, type ShardFlag, shardOfThisProcess } from '../../runner/shard';
import { writeReportFromStores } from '../../runner/write-report';
import { candidateLabel } from '../../search/grid';
import { defaultCoefficientsDir, loadSearchedCoefficients } from '../../search/saved-coefficients';
import { RunError, UsageError } from '../errors';
import { integerInRange, oneOf } from '../parse';
import { useQuietCpuBackend } from '../tf-setup';

interface RunFlags {
  preset?: PresetId;
  config?: string;
  jobs?: number;
  seeds?: number;
  shard?: ShardFlag;
  shardCount?: number;
  store?: string;
  reports: string;
  backend: string;
  dataDir?: string;
  coefficients: CoefficientsChoice;
  coefficientsDir: string;
  dryRun?: boolean;
  json?: boolean;
  restart?: boolean;
}

/** Where the compound strategy's α, β, γ come from: the paper's, or the saved winner of `scaling-lab search`. */
export const COEFFICIENT_CHOICES = ['paper', 'searched'] as const;
export type CoefficientsChoice = (typeof COEFFICIENT_CHOICES)[number];

export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

export function registerRun(program: Command): void {
  program
    .command('run')
    .description("train an experiment's FLOPs-matched ladder and write its report")
    .argument('[experiment]', "experiment name, e.g. resnet-compound (see 'scaling-lab list')")
    .option('--preset <name>', `${PRESET_IDS.join(' | ')} (default: ${DEFAULT_PRESET})`, oneOf('--preset', PRESET_IDS))
    .option('--config <file>', 'a custom experiment as JSON (see docs/experiments.md) instead of a catalogue name')
    .option(
      '--jobs <N>',
      'training processes at once (default: number of cores)',
      integerInRange('--jobs', 1, 256, '2'),
    )
    .option('--seeds <N>', "seeds per point (default: the preset's)", integerInRange('--seeds', 1, 100, '3'))
    .option(
      '--shard <i/n|auto>',
      'run only slice i of n of the sweep; auto: the slice of this Slurm array task or Kubernetes Indexed Job pod (docs/cluster.md)',
      parseShardFlag,
    )
    .option(
      '--shard-count <N>',
      "with --shard auto in a Kubernetes Indexed Job: the Job's spec.completions",
      integerInRange('--shard-count', 1, 100000, '8'),
    )
    .option(
      '--store <dir>',
      'results store directory (default: .scaling-lab/runs/<preset>/<experiment>, or .scaling-lab/runs/custom/<name> with --config)',
    )
    .option('--reports <dir>', 'reports directory', defaultReportsRoot())
    .option('--backend <name>', BACKEND_CHOICES.join(' | '), oneOf('--backend', BACKEND_CHOICES), 'auto')
    .option('--data-dir <dir>', 'dataset directory (default: $SCALING_LAB_DATA, then the Debian location)')
    .option(
      '--coefficients <source>',
      "compound α, β, γ: paper | searched (the saved winner of 'scaling-lab search')",
      oneOf('--coefficients', COEFFICIENT_CHOICES),
      'paper',
    )
    .option('--coefficients-dir <dir>', "where 'scaling-lab search' saved its winners", defaultCoefficientsDir())
    .option(
      '--dry-run',
      'print the solved ladder (knobs, target and reached FLOPs ratios, MACs, params) without training',
    )
    .option('--json', 'with --dry-run: print the plan as one JSON object')
    .option(
      '--restart',
      'unfinished runs start from scratch instead of resuming their checkpoints (finished runs are kept)',
    )
    .action(async (name: string | undefined, flags: RunFlags) => {
      if (flags.json && !flags.dryRun) throw new UsageError('--json only applies with --dry-run (add --dry-run)');
      const shard = shardOfThisProcess(flags);
      const resolved = resolveExperiment(name, flags);
      const preset = resolved.preset;
      const experiment =
        flags.coefficients === 'searched'
          ? withSearchedCoefficients(resolved.experiment, preset.id, flags.coefficientsDir)
          : resolved.experiment;
      const seeds = flags.seeds ?? preset.seeds;
      if (flags.dryRun) {
        await useQuietCpuBackend();
        const plan = dryRunPlan(experiment, preset, seeds, planRuns(experiment, preset, seeds), {
          jobs: flags.jobs ?? defaultJobs(),
          cores: defaultJobs(),
        });
        process.stdout.write(flags.json ? `${JSON.stringify(plan)}\n` : formatDryRun(plan));
        return;
      }
      const scope = resolved.custom ? 'custom' : preset.id;
      const storeDir = path.resolve(flags.store ?? defaultStoreDir(experiment.name, scope));
      const source = flags.config !== undefined ? `--config ${flags.config}` : `preset ${preset.id}`;
      // Output locations are checked before anything trains: a sweep must not end unable to save its report.
      const planned = planRuns(experiment, preset, seeds);
      validatePlan(planned, preset, source);
      await checkWritable(storeDir, '--store');
      await checkWritable(reportDir(path.resolve(flags.reports), experiment.name, scope), '--reports');
      const outcome = await runSweep({
        experiment,
        preset,
        seeds,
        jobs: flags.jobs ?? defaultJobs(),
        shard,
        storeDir,
        backend: flags.backend,
        dataDir: flags.dataDir,
        progress: createProgress(),
        source,
        runs: planned,
        restart: flags.restart === true,
      });
      const failure = () => {
        const first = outcome.failed[0];
        return new RunError(
          `${outcome.failed.length} run(s) failed; first: ${first.key}: ${first.message} (rerun to retry only these)`,
        );
      };
      const elsewhere =
        outcome.elsewhere.length > 0
          ? `${outcome.elsewhere.length} running elsewhere (${outcome.elsewhere[0].owner}), `
          : '';
      const counts = `${outcome.trained.length} trained, ${outcome.skipped.length} already done, ${elsewhere}${outcome.failed.length} failed`;
      let report;
      try {
        report = await writeReportFromStores(
          { experiment, preset, presetGiven: false, custom: resolved.custom, seeds },
          [storeDir],
          path.resolve(flags.reports),
        );
      } catch (error) {
        // Every run failed and an earlier report is kept: the failure is the news, not the kept report.
        if (outcome.failed.length > 0 && error instanceof RunError) {
          process.stdout.write(`${experiment.name} (${preset.id}): ${counts}; ${error.message}\n`);
          throw failure();
        }
        throw error;
      }
      process.stdout.write(
        `${experiment.name} (${preset.id}): ${counts}; report: ${path.join(report.dir, 'index.html')}` +
          `${report.missing > 0 ? ` (${report.missing} planned points missing)` : ''}\n`,
      );
      if (outcome.failed.length > 0) throw failure();
    });
}

/**
 * The experiment with the saved search winner as its compound coefficients. Its name carries the
 * coefficients (`mobilenet-v2-compound-a1.25-b1.10-g1.15`), so its results never mix with the paper's
 * or with those of an earlier winner in one store or report.
 */
export function withSearchedCoefficients(
  experiment: Experiment,
  preset: PresetId,
  coefficientsDir: string,
): Experiment {
  if (!experiment.strategies.includes('compound')) {
    throw new UsageError(
      `--coefficients searched only changes the compound strategy, and ${experiment.name} has none (try ${experiment.family}-compound)`,
    );
  }
  const coefficients = loadSearchedCoefficients(path.resolve(coefficientsDir), experiment.backbone, preset);
  const label = candidateLabel(coefficients);
  return {
    ...experiment,
    name: `${experiment.name}-${label}`,
    title: `${experiment.title} (searched ${label})`,
    coefficients,
  };
}

/** A catalogue name with a preset, or a custom experiment file (which names its own base preset). */
export function resolveExperiment(
  name: string | undefined,
  flags: { preset?: PresetId; config?: string },
): { experiment: Experiment; preset: Preset; custom: boolean } {
  if (flags.config !== undefined) {
    if (name !== undefined)
      throw new UsageError(
        `give an experiment name or --config, not both (got '${name}' and --config ${flags.config})`,
      );
    if (flags.preset !== undefined)
      throw new UsageError(`--preset does not apply with --config; set "preset" in ${flags.config}`);
    return { ...loadExperimentConfig(flags.config), custom: true };
  }
  if (name === undefined)
    throw new UsageError(
      "missing experiment: name one (e.g. resnet-compound, see 'scaling-lab list') or give --config <file>",
    );
  return { experiment: getExperiment(name), preset: PRESETS[flags.preset ?? DEFAULT_PRESET], custom: false };
}

/** Creates `dir` if needed and proves it writable, or one UsageError saying what failed, where, and the fix. */
async function checkWritable(dir: string, flag: string): Promise<void> {
  try {
    await ensureRunDir(dir, flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

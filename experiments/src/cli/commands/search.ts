/**
 * `scaling-lab search --backbone <id>`: the compound-coefficient grid search of EfficientNet Sec. 4 (step 1)
 * for any backbone. Enumerates (α, β, γ) under α·β²·γ² ≈ 2, solves φ per candidate so its rounded model really
 * doubles FLOPs (keeping those that reach ×2 within the tolerance), trains them (and the paper's) with the sweep runner, ranks them and saves the winner.
 */
import * as path from 'node:path';
import { ResultsStore } from '@scaling-lab/report';
import type { Command } from 'commander';
import { PRESET_IDS, PRESETS, type PresetId } from '../../catalogue/presets';
import { DEFAULT_PRESET, defaultReportsRoot, defaultStoreDir, reportDir } from '../../paths';
import { createProgress } from '../../runner/progress';
import { defaultJobs, rowKeys, runSweep } from '../../runner/run-experiment';
import { parseShardFlag, type ShardFlag, shardOfThisProcess } from '../../runner/shard';
import { DEFAULT_GRID_STEP, DEFAULT_TOLERANCE, SEARCH_BUDGETS } from '../../search/budget';
import { enumerateGrid, withinTolerance } from '../../search/grid';
import { planSearchRuns, searchExperiment } from '../../search/plan';
import { marginOverPaper, rankCandidates, verdictSentence } from '../../search/ranking';
import { measureCandidates, profilingCounter, selectCandidates } from '../../search/real-ratio';
import {
  coefficientsFile,
  defaultCoefficientsDir,
  type SavedCoefficients,
  saveCoefficients,
} from '../../search/saved-coefficients';
import { writeSearchReport } from '../../search/search-report';
import { backboneFromFlag } from '../backbone-flag';
import { RunError, UsageError } from '../errors';
import { finiteNumber, integerInRange, oneOf } from '../parse';
import { useQuietCpuBackend } from '../tf-setup';
import { BACKEND_CHOICES } from './run';

interface SearchFlags {
  backbone: string;
  preset?: PresetId;
  grid?: number;
  tolerance: number;
  seeds?: number;
  jobs?: number;
  shard?: ShardFlag;
  shardCount?: number;
  store?: string;
  reports: string;
  coefficientsDir: string;
  backend: string;
  dataDir?: string;
  dryRun?: boolean;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('grid-search compound coefficients α, β, γ for a backbone (α·β²·γ² ≈ 2) and save the best')
    .requiredOption('--backbone <id>', "backbone id (see 'scaling-lab list')")
    .option('--preset <name>', `${PRESET_IDS.join(' | ')} (default: ${DEFAULT_PRESET})`, oneOf('--preset', PRESET_IDS))
    .option(
      '--grid <step>',
      `grid step of α, β, γ (default: ${DEFAULT_GRID_STEP}; smoke forces its own)`,
      finiteNumber('--grid', 0.01, 0.5, '0.05'),
    )
    .option(
      '--tolerance <x>',
      'relative tolerance on α·β²·γ² and on the real FLOPs ratio around 2',
      finiteNumber('--tolerance', 0, 0.5, '0.1'),
      DEFAULT_TOLERANCE,
    )
    .option('--seeds <N>', "seeds per candidate (default: the preset's)", integerInRange('--seeds', 1, 100, '3'))
    .option(
      '--jobs <N>',
      'training processes at once (default: number of cores)',
      integerInRange('--jobs', 1, 256, '2'),
    )
    .option(
      '--shard <i/n|auto>',
      'train only slice i of n of the candidates; auto: the slice of this Slurm array task or Kubernetes Indexed Job pod (docs/cluster.md)',
      parseShardFlag,
    )
    .option(
      '--shard-count <N>',
      "with --shard auto in a Kubernetes Indexed Job: the Job's spec.completions",
      integerInRange('--shard-count', 1, 100000, '8'),
    )
    .option('--store <dir>', 'results store directory (default: .scaling-lab/runs/<preset>/<family>-search)')
    .option('--reports <dir>', 'reports directory', defaultReportsRoot())
    .option(
      '--coefficients-dir <dir>',
      'where the winner is saved for run --coefficients searched',
      defaultCoefficientsDir(),
    )
    .option('--backend <name>', BACKEND_CHOICES.join(' | '), oneOf('--backend', BACKEND_CHOICES), 'auto')
    .option('--data-dir <dir>', 'dataset directory (default: $SCALING_LAB_DATA, then the Debian location)')
    .option('--dry-run', 'list the candidates with their real FLOPs ratios and stop before training')
    .action(async (flags: SearchFlags) => {
      const shard = shardOfThisProcess(flags);
      const backbone = backboneFromFlag(flags.backbone);
      const preset = PRESETS[flags.preset ?? DEFAULT_PRESET];
      const budget = SEARCH_BUDGETS[preset.id];
      if (flags.grid !== undefined && Math.abs(flags.grid * 100 - Math.round(flags.grid * 100)) > 1e-9) {
        // Candidate labels (and so run keys) carry two decimals; a finer step would give two candidates one key.
        throw new UsageError(`--grid must be a multiple of 0.01 in [0.01, 0.5], got ${flags.grid} (e.g. --grid 0.05)`);
      }
      const step = budget.forcedStep ?? flags.grid ?? DEFAULT_GRID_STEP;
      if (budget.forcedStep !== undefined && flags.grid !== undefined && flags.grid !== step) {
        process.stderr.write(
          `note: preset ${preset.id} searches a grid of step ${step}; --grid ${flags.grid} is ignored\n`,
        );
      }
      const seeds = flags.seeds ?? preset.seeds;
      const experiment = searchExperiment(backbone.id);

      await useQuietCpuBackend();
      const grid = enumerateGrid({ step, tolerance: flags.tolerance });
      const measured = measureCandidates(
        backbone,
        grid,
        preset.baseline,
        profilingCounter(backbone, preset.channels),
        flags.tolerance,
      );
      const passed = measured.filter((c) => withinTolerance(c.realRatio, flags.tolerance)).length;
      const candidates = selectCandidates(measured, flags.tolerance, budget.maxCandidates);
      process.stderr.write(
        `${experiment.name} (${preset.id}): ${grid.length} grid points, ${passed} reach a real ×2 within ${flags.tolerance} at their solved φ; ` +
          `training ${candidates.length} candidate(s) incl. the paper's: ${candidates.map((c) => c.label).join(', ')}\n`,
      );
      if (flags.dryRun) {
        for (const c of candidates) {
          process.stdout.write(
            `${c.label}${c.isPaper ? ' (paper)' : ''}  α·β²·γ² ${c.nominalRatio.toFixed(3)}  φ ${c.phi}  real ratio ${c.realRatio.toFixed(3)}  ${(c.flops / 1e6).toFixed(2)}M MACs\n`,
          );
        }
        return;
      }

      const runs = planSearchRuns(experiment, candidates, preset, seeds, flags.tolerance);
      const storeDir = path.resolve(flags.store ?? defaultStoreDir(experiment.name, preset.id));
      const outcome = await runSweep({
        experiment,
        preset,
        seeds,
        runs,
        jobs: flags.jobs ?? defaultJobs(),
        shard,
        storeDir,
        backend: flags.backend,
        dataDir: flags.dataDir,
        progress: createProgress(),
      });

      const rows = (await new ResultsStore(storeDir).list()).filter((r) => r.experiment === experiment.name);
      const ranked = rankCandidates(candidates, rows);
      const have = new Set(rows.map((r) => `${r.strategy}-${r.step}-${r.seed}`));
      const complete = runs.every((run) => rowKeys(run).every((key) => have.has(key)));
      const verdict = verdictSentence(marginOverPaper(ranked));
      const dir = reportDir(path.resolve(flags.reports), experiment.name, preset.id);
      const keepRows = rows.filter((r) => candidates.some((c) => c.label === r.strategy));
      await writeSearchReport(
        {
          title: experiment.title,
          backbone: backbone.id,
          preset: preset.id,
          dataset: preset.dataset,
          step,
          tolerance: flags.tolerance,
          seeds,
          gridSize: grid.length,
          passedFilter: passed,
          candidates,
          ranked,
          verdict,
        },
        keepRows,
        dir,
      );

      let saved = '';
      if (complete && ranked.length > 0) {
        const winner = ranked[0];
        const paper = ranked.find((r) => r.candidate.isPaper);
        const record: SavedCoefficients = {
          backbone: backbone.id,
          preset: preset.id,
          dataset: preset.dataset,
          coefficients: winner.candidate.coefficients,
          label: winner.candidate.label,
          realFlopsRatio: winner.candidate.realRatio,
          top1Mean: winner.top1Mean,
          top1Sd: winner.top1Sd,
          seeds: winner.seeds,
          paperTop1Mean: paper?.top1Mean ?? null,
          grid: { step, tolerance: flags.tolerance, candidates: candidates.length },
          verdict,
          savedAt: new Date().toISOString(),
        };
        const file = coefficientsFile(path.resolve(flags.coefficientsDir), backbone.id, preset.id);
        await saveCoefficients(file, record);
        await saveCoefficients(path.join(dir, 'coefficients.json'), record);
        saved = `; chosen ${winner.candidate.label}, saved to ${file}`;
      } else {
        saved =
          '; not every candidate has finished, so no winner was saved (rerun, or run the remaining shards into this store)';
      }
      process.stdout.write(
        `${experiment.name} (${preset.id}): ${outcome.trained.length} trained, ${outcome.skipped.length} already done, ` +
          `${outcome.elsewhere.length > 0 ? `${outcome.elsewhere.length} running elsewhere (${outcome.elsewhere[0].owner}), ` : ''}` +
          `${outcome.failed.length} failed${saved}; report: ${path.join(dir, 'summary.md')}\n${verdict}\n`,
      );
      if (outcome.failed.length > 0) {
        const first = outcome.failed[0];
        throw new RunError(
          `${outcome.failed.length} run(s) failed; first: ${first.key}: ${first.message} (rerun to retry only these)`,
        );
      }
    });
}

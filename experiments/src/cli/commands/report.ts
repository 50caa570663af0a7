/**
 * `scaling-lab report [<experiment>]`: renders reports from results stores without training; several
 * `--store` directories (the shards of one sweep) are merged first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { listExperiments } from '../../catalogue/experiments';
import { PRESET_IDS, PRESETS, type PresetId } from '../../catalogue/presets';
import { DEFAULT_PRESET, defaultReportsRoot, defaultStoreDir } from '../../paths';
import { writeReportFromStores } from '../../runner/write-report';
import { resolveExperiment } from './run';
import { UsageError } from '../errors';
import { integerInRange, oneOf } from '../parse';

interface ReportFlags {
  preset?: PresetId;
  config?: string;
  seeds?: number;
  store: string[];
  reports: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write reports from results stores (all experiments with results when none is named)')
    .argument('[experiment]', 'experiment name')
    .option('--preset <name>', `${PRESET_IDS.join(' | ')} (default: ${DEFAULT_PRESET})`, oneOf('--preset', PRESET_IDS))
    .option('--config <file>', 'a custom experiment as JSON instead of a catalogue name')
    .option('--seeds <N>', "seeds per point (default: the preset's)", integerInRange('--seeds', 1, 100, '3'))
    .option(
      '--store <dir>',
      'results store to read; repeat to merge shards',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--reports <dir>', 'reports directory', defaultReportsRoot())
    .action(async (name: string | undefined, flags: ReportFlags) => {
      if (name === undefined && flags.config === undefined && flags.store.length > 0) {
        throw new UsageError(
          '--store needs an experiment name (e.g. scaling-lab report resnet-compound --store a --store b)',
        );
      }
      const single = name !== undefined || flags.config !== undefined ? resolveExperiment(name, flags) : undefined;
      const preset = single?.preset ?? PRESETS[flags.preset ?? DEFAULT_PRESET];
      const custom = single?.custom ?? false;
      const experiments = single
        ? [single.experiment]
        : listExperiments().filter((e) => fs.existsSync(defaultStoreDir(e.name, preset.id)));
      for (const experiment of experiments) {
        const stores =
          flags.store.length > 0
            ? flags.store.map((s) => path.resolve(s))
            : [defaultStoreDir(experiment.name, custom ? 'custom' : preset.id)];
        const missingStore = stores.find((s) => !fs.existsSync(s));
        if (missingStore !== undefined) {
          throw new UsageError(
            flags.store.length > 0
              ? `--store ${missingStore} does not exist; no report was written (check the path)`
              : `no results store for ${experiment.name} at ${missingStore}; run 'scaling-lab run ${experiment.name}' first`,
          );
        }
        const target = { experiment, preset, presetGiven: flags.preset !== undefined, custom, seeds: flags.seeds };
        const report = await writeReportFromStores(target, stores, path.resolve(flags.reports));
        process.stdout.write(
          `${experiment.name}: ${report.rows.length} rows${report.missing > 0 ? `, ${report.missing} planned points missing` : ''} → ${report.dir}\n`,
        );
      }
      if (experiments.length === 0)
        process.stdout.write(`no results yet for preset '${preset.id}'; run 'scaling-lab run <experiment>' first\n`);
    });
}

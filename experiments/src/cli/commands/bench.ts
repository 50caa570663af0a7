/**
 * `scaling-lab bench plan`: planning speed (see bench/plan-bench.ts).
 * `scaling-lab bench train`: training and forward images/s and kernels per training step of the bench's
 * nets (see ../../bench/bench-models.ts) on every backend path, next to PyTorch on one thread measured in
 * the same run when Debian's python3-torch is installed.
 */
import { BENCH_PATHS, DEFAULT_BENCH_PATHS, formatTrainBench, runTrainBench } from '@scaling-lab/train';
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { parseCalibrationLines } from '../../estimate/calibration-file';
import { calibrate, constantsFile, formatCalibration } from '../../estimate/calibration-report';
import { benchModels } from '../../bench/bench-models';
import { formatPlanBench, runPlanBench } from '../../bench/plan-bench';
import { PRESET_IDS, PRESETS, type PresetId } from '../../catalogue/presets';
import { backboneFromFlag } from '../backbone-flag';
import { UsageError } from '../errors';
import { integerInRange, oneOf } from '../parse';
import { useQuietCpuBackend } from '../tf-setup';

interface BenchFlags {
  path: string;
  model: string;
  batch: number;
  windows: number;
  torch: boolean;
  json?: boolean;
}

function pickFromList<T>(flag: string, raw: string, known: ReadonlyArray<{ id: string; value: T }>): T[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .map((id) => {
      const found = known.find((k) => k.id === id);
      if (found == null)
        throw new UsageError(`${flag} must be a comma list of ${known.map((k) => k.id).join(', ')}; got '${id}'`);
      return found.value;
    });
}

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks');
  const models = benchModels();
  bench
    .command('train')
    .description(
      'train and forward img/s and kernels per step of reference nets per backend path, vs PyTorch (1 thread) in the same run',
    )
    .option(
      '--path <list>',
      `comma list of backend paths: ${BENCH_PATHS.map((p) => p.name).join(', ')}`,
      DEFAULT_BENCH_PATHS.join(','),
    )
    .option('--model <list>', `comma list of: ${models.map((m) => m.id).join(', ')}`, models.map((m) => m.id).join(','))
    .option('--batch <N>', 'batch size', integerInRange('--batch', 1, 1024, '64'), 64)
    .option(
      '--windows <N>',
      'timed windows per figure (the median is reported)',
      integerInRange('--windows', 1, 100, '5'),
      5,
    )
    .option('--no-torch', 'skip the PyTorch reference')
    .option('--json', 'print one JSON object with a `rows` array')
    .action(async (flags: BenchFlags) => {
      const paths = pickFromList(
        '--path',
        flags.path,
        BENCH_PATHS.map((p) => ({ id: p.name, value: p })),
      );
      const chosen = pickFromList(
        '--model',
        flags.model,
        models.map((m) => ({ id: m.id, value: m.model })),
      );
      const result = await runTrainBench({
        paths,
        models: chosen,
        batchSize: flags.batch,
        windows: flags.windows,
        torch: flags.torch,
      });
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatTrainBench(result)}\n`);
    });
  bench
    .command('plan')
    .description('time weight-free profiling against building with weights, and solving every -all ladder')
    .option('--backbone <id>', 'model to profile at its base resolution', 'efficientnet-b7')
    .option(
      '--preset <name>',
      `preset whose ladders are solved: ${PRESET_IDS.join(' | ')}`,
      oneOf('--preset', PRESET_IDS),
      'quick',
    )
    .option('--repeats <N>', 'timed repeats (median)', integerInRange('--repeats', 1, 50, '5'), 5)
    .option('--json', 'print one JSON object')
    .action(async (flags: { backbone: string; preset: PresetId; repeats: number; json?: boolean }) => {
      await useQuietCpuBackend();
      const result = runPlanBench(backboneFromFlag(flags.backbone).id, PRESETS[flags.preset], flags.repeats);
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatPlanBench(result)}\n`);
    });
  bench
    .command('cost-model')
    .description("fit the dry-run's runtime model to calibration runs (experiments/scripts/calibrate-cost-model.sh)")
    .requiredOption('--samples <file>', 'calibration runs, one JSON object a line')
    .option('--hold-out <names>', 'comma list of samples left out of the fit, to check it on', '')
    .option('--write <file>', 'write the fitted constants to this JSON file (src/estimate/cost-constants.json)')
    .action(async (flags: { samples: string; holdOut: string; write?: string }) => {
      await useQuietCpuBackend();
      let text: string;
      try {
        text = fs.readFileSync(flags.samples, 'utf8');
      } catch (error) {
        throw new UsageError(`--samples ${flags.samples}: cannot read it (${(error as NodeJS.ErrnoException).code})`);
      }
      const heldOut = flags.holdOut
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      let calibration;
      try {
        const samples = parseCalibrationLines(text, flags.samples);
        calibration = calibrate(samples, heldOut, samples[0]?.backend ?? 'unknown');
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      process.stdout.write(`${formatCalibration(calibration)}\n`);
      if (flags.write !== undefined) fs.writeFileSync(flags.write, constantsFile(calibration));
    });
  for (const c of bench.commands) c.exitOverride().configureOutput({ outputError: () => undefined });
}

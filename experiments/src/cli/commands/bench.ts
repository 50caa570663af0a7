/**
 * `scaling-lab bench plan`: planning speed (see bench/plan-bench.ts).
 * `scaling-lab bench train`: training and forward images/s of two fixed reference nets (the toy net of
 * the project's measurements and MobileNetV2 ×0.5 at 32 px) on each fast backend, next to PyTorch on one
 * thread when Debian's python3-torch is installed.
 */
import { getBackbone } from '@scaling-lab/backbones';
import { scaleSpec } from '@scaling-lab/scaling';
import { type BenchModel, formatTrainBench, runTrainBench, TOY_BENCH_MODEL, type TrainBenchResult } from '@scaling-lab/train';
import type { Command } from 'commander';
import { UsageError } from '../errors';
import { integerInRange, oneOf } from '../parse';
import { PRESET_IDS, PRESETS, type PresetId } from '../../catalogue/presets';
import { formatPlanBench, runPlanBench } from '../../bench/plan-bench';
import { backboneFromFlag } from '../backbone-flag';
import { useQuietCpuBackend } from '../tf-setup';

/**
 * Backend paths: plain wasm kernels, wasm with the native oneDNN convolutions (skipped with the reason where
 * the addon is unavailable), and cpu, which trains ~600× slower than PyTorch: only measured when asked for.
 */
const BENCH_BACKENDS = ['wasm', 'wasm+native', 'cpu'] as const;

const MOBILENET_V2_HALF: BenchModel = {
  name: 'mobilenet-v2 w0.5 @32',
  numClasses: 10,
  torchModel: 'mobilenetv2',
  build: () => {
    const backbone = getBackbone('mobilenet-v2');
    return backbone.build(scaleSpec(backbone, { width: 0.5, resolution: 32 }), { numClasses: 10, inputChannels: 3 });
  },
};

interface BenchFlags {
  backend: string;
  batch: number;
  torch: boolean;
  json?: boolean;
}

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('benchmarks');
  bench
    .command('train')
    .description('training and forward img/s of reference nets per backend, vs PyTorch (1 thread) when installed')
    .option('--backend <list>', `comma list of: ${BENCH_BACKENDS.join(', ')}`, 'wasm,wasm+native')
    .option('--batch <N>', 'batch size', integerInRange('--batch', 1, 1024, '64'), 64)
    .option('--no-torch', 'skip the PyTorch reference')
    .option('--json', 'print one JSON object per backend')
    .action(async (flags: BenchFlags) => {
      const backends = flags.backend.split(',').map((b) => b.trim());
      for (const b of backends) {
        if (!(BENCH_BACKENDS as readonly string[]).includes(b)) {
          throw new UsageError(`--backend must be a comma list of ${BENCH_BACKENDS.join(', ')}; got '${b}'`);
        }
      }
      let first: TrainBenchResult | null = null;
      for (const [i, backend] of backends.entries()) {
        const result = await runTrainBench({
          backend: backend === 'wasm+native' ? 'wasm' : backend,
          native: backend === 'wasm+native',
          batchSize: flags.batch,
          models: [TOY_BENCH_MODEL, MOBILENET_V2_HALF],
          // PyTorch once, alongside the first backend.
          torch: flags.torch && i === 0,
        });
        if (first == null) first = result;
        else withTorchOf(result, first);
        process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatTrainBench(result)}\n\n`);
      }
    });
  bench
    .command('plan')
    .description('time weight-free profiling against building with weights, and solving every -all ladder')
    .option('--backbone <id>', 'model to profile at its base resolution', 'efficientnet-b7')
    .option('--preset <name>', `preset whose ladders are solved: ${PRESET_IDS.join(' | ')}`, oneOf('--preset', PRESET_IDS), 'quick')
    .option('--repeats <N>', 'timed repeats (median)', integerInRange('--repeats', 1, 50, '5'), 5)
    .option('--json', 'print one JSON object')
    .action(async (flags: { backbone: string; preset: PresetId; repeats: number; json?: boolean }) => {
      await useQuietCpuBackend();
      const result = runPlanBench(backboneFromFlag(flags.backbone).id, PRESETS[flags.preset], flags.repeats);
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatPlanBench(result)}\n`);
    });
  for (const c of bench.commands) c.exitOverride().configureOutput({ outputError: () => undefined });
}

/** PyTorch runs once; later backends' rows get its figures so every path shows its ratio to the same run. */
function withTorchOf(result: TrainBenchResult, first: TrainBenchResult): void {
  if (result.rows.length === 0) return;
  result.torch = first.torch;
  for (const row of result.rows) {
    const torch = first.rows.find((r) => r.model === row.model);
    row.torchTrainImgPerSec = torch?.torchTrainImgPerSec ?? null;
    row.torchForwardImgPerSec = torch?.torchForwardImgPerSec ?? null;
  }
}

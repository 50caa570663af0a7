/**
 * `scaling-lab train`: one training run of a scaled backbone (docs/architecture.md "CLI and errors"). The run is a run spec
 * (@scaling-lab/run-record): read from `--spec <file>` (what the experiments runner writes for its child
 * processes) or assembled from flags for humans; either way it is validated here, at the boundary, and
 * handed to @scaling-lab/train's runTraining. Prints the result (one JSON line with --json).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  LIMITS,
  parseJsonWith,
  RecordError,
  type RunResult,
  type RunSpec,
  RunSpecSchema,
  runKey,
} from '@scaling-lab/run-record';
import {
  BACKEND_CHOICES,
  type BackendChoice,
  makeProgress,
  type Progress as TrainProgress,
  OPTIMIZER_KINDS,
  type OptimizerKind,
  parseDatasetSpec,
  runTraining,
  SCHEDULE_KINDS,
  type ScheduleKind,
  type AugmentKind,
} from '@scaling-lab/train';
import type { Command } from 'commander';
import { sweepParent } from '../../runner/child-run';
import { messagingProgress, teeProgress } from '../../runner/worker-progress';
import { backboneFromFlag } from '../backbone-flag';
import { UsageError } from '../errors';
import { finiteNumber, integerInRange, oneOf, positiveNumber } from '../parse';
import { addScaleOptions, scaleRequestFrom, type ScaleFlags } from '../scale-options';
import { WORKSPACE_ROOT } from '../../paths';
import { specScale } from '../../runner/run-spec';

const AUGMENTS: readonly AugmentKind[] = ['flip', 'crop'];
export const DEFAULT_BATCH = 64;

/** Where a run without --out goes: named by its identity, so the same command resumes the same run. */
export function defaultRunDir(key: string): string {
  return path.join(WORKSPACE_ROOT, '.scaling-lab', 'train', key);
}

interface TrainFlags extends Partial<ScaleFlags> {
  spec?: string;
  dataset?: string;
  dataDir?: string;
  epochs?: number;
  batch?: number;
  optimizer?: OptimizerKind;
  lr?: number;
  schedule?: ScheduleKind;
  warmupEpochs?: number;
  labelSmoothing?: number;
  weightDecay?: number;
  seed?: number;
  limitTrain?: number;
  limitTest?: number;
  augment?: AugmentKind[];
  zeroInitResidual?: boolean;
  channels?: 1 | 3;
  backend: BackendChoice;
  out?: string;
  restart?: boolean;
  json?: boolean;
}

/** Flags that describe the run itself; with --spec the file says all of that. */
const SPEC_FLAGS: readonly (keyof TrainFlags)[] = [
  'backbone',
  'depth',
  'width',
  'resolution',
  'resolutionMult',
  'phi',
  'alpha',
  'beta',
  'gamma',
  'dataset',
  'epochs',
  'batch',
  'optimizer',
  'lr',
  'schedule',
  'warmupEpochs',
  'labelSmoothing',
  'weightDecay',
  'seed',
  'limitTrain',
  'limitTest',
  'augment',
  'zeroInitResidual',
  'channels',
];

function augmentList(raw: string): AugmentKind[] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const item of items) {
    if (!(AUGMENTS as readonly string[]).includes(item)) {
      throw new UsageError(
        `--augment must be a comma list of ${AUGMENTS.join(', ')}; got '${item}' (e.g. --augment flip,crop)`,
      );
    }
  }
  return [...new Set(items)] as AugmentKind[];
}

function channelsFlag(raw: string): 1 | 3 {
  if (raw !== '1' && raw !== '3')
    throw new UsageError(`--channels must be 1 or 3, got '${raw}' (grey images are replicated to 3)`);
  return Number(raw) as 1 | 3;
}

function datasetFlag(raw: string): string {
  try {
    return parseDatasetSpec(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function readSpecFile(file: string): RunSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--spec ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return parseJsonWith(RunSpecSchema, text, `--spec ${file}`);
  } catch (error) {
    if (error instanceof RecordError) throw new UsageError(error.message);
    throw error;
  }
}

/** The run spec of a stand-alone run, from validated flags. */
function specFromFlags(flags: TrainFlags): RunSpec {
  for (const [flag, example] of [
    ['backbone', 'mobilenet-v2'],
    ['dataset', 'fashion-mnist'],
    ['epochs', '2'],
  ] as const) {
    if (flags[flag] === undefined)
      throw new UsageError(`--${flag} is required (e.g. --${flag} ${example}), or give the whole run as --spec <file>`);
  }
  const backbone = backboneFromFlag(flags.backbone!);
  const request = scaleRequestFrom(backbone, flags as ScaleFlags);
  const epochs = flags.epochs!;
  const warmupEpochs = flags.warmupEpochs ?? 0;
  if (warmupEpochs > epochs)
    throw new UsageError(`--warmup-epochs must be in [0, --epochs] = [0, ${epochs}], got ${warmupEpochs}`);
  return RunSpecSchema.parse({
    experiment: null,
    preset: null,
    step: null,
    targetRatio: null,
    onTarget: null,
    lines: [],
    baseline: null,
    backbone: backbone.id,
    scale: specScale(backbone, request),
    dataset: {
      name: flags.dataset!,
      channels: flags.channels ?? null,
      limitTrain: flags.limitTrain ?? null,
      limitTest: flags.limitTest ?? null,
    },
    recipe: {
      epochs,
      batchSize: flags.batch ?? DEFAULT_BATCH,
      optimizer: flags.optimizer ?? 'adam',
      learningRate: flags.lr ?? 1e-3,
      schedule: flags.schedule ?? 'constant',
      warmupEpochs,
      labelSmoothing: flags.labelSmoothing ?? 0,
      weightDecay: flags.weightDecay ?? 0,
      augment: flags.augment ?? [],
      zeroInitResidual: flags.zeroInitResidual ?? false,
    },
    seed: flags.seed ?? 0,
  } satisfies RunSpec);
}

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .description('train one scaled backbone and print its result (top-1, top-5, params, FLOPs, img/s)');
  command.option(
    '--spec <file>',
    'the whole run as a run-spec JSON file (what `scaling-lab run` writes); excludes the run flags below',
  );
  addScaleOptions(command, { backboneRequired: false });
  command
    .option('--dataset <name>', 'fashion-mnist, synthetic or folder:<dir> (required without --spec)', datasetFlag)
    .option(
      '--data-dir <dir>',
      'directory holding the dataset files (default: SCALING_LAB_DATA, then the system location)',
    )
    .option(
      '--epochs <N>',
      `epochs, 1..${LIMITS.epochs.max} (required without --spec)`,
      integerInRange('--epochs', 1, LIMITS.epochs.max, '2'),
    )
    .option(
      '--batch <N>',
      `batch size, 1..${LIMITS.batchSize.max} (default: ${DEFAULT_BATCH})`,
      integerInRange('--batch', 1, LIMITS.batchSize.max, '64'),
    )
    .option(
      '--optimizer <name>',
      `${OPTIMIZER_KINDS.join(', ')} (default: adam)`,
      oneOf('--optimizer', OPTIMIZER_KINDS),
    )
    .option('--lr <x>', 'peak learning rate (default: 1e-3)', positiveNumber('--lr', LIMITS.learningRate.max, '1e-3'))
    // Default constant, like a plain PyTorch/Keras optimizer: `--lr` means the same thing in both. Measured on
    // MobileNetV2 ×0.5 @32 px, 2 epochs of 10k Fashion-MNIST, Adam 1e-3: constant 73.4%, cosine 68.7% top-1.
    .option(
      '--schedule <name>',
      `learning-rate schedule after warm-up: ${SCHEDULE_KINDS.join(', ')} (default: constant)`,
      oneOf('--schedule', SCHEDULE_KINDS),
    )
    .option(
      '--warmup-epochs <N>',
      'linear warm-up from 0, in epochs, fractions allowed (default: 0)',
      finiteNumber('--warmup-epochs', 0, LIMITS.epochs.max, '1'),
    )
    .option(
      '--label-smoothing <x>',
      'label smoothing ε in [0, 1) (default: 0)',
      finiteNumber('--label-smoothing', 0, LIMITS.labelSmoothing.max, '0.1'),
    )
    .option(
      '--weight-decay <x>',
      'L2 weight decay λ on conv/dense kernels, added to the gradient (default: 0)',
      finiteNumber('--weight-decay', 0, LIMITS.weightDecay.max, '1e-5'),
    )
    .option(
      '--seed <N>',
      'seed of initial weights, data order, augmentation and dropout (default: 0)',
      integerInRange('--seed', 0, LIMITS.seed.max, '1'),
    )
    .option(
      '--limit-train <N>',
      'train on the first N training images only',
      integerInRange('--limit-train', 1, LIMITS.limit.max, '10000'),
    )
    .option(
      '--limit-test <N>',
      'evaluate on the first N test images only',
      integerInRange('--limit-test', 1, LIMITS.limit.max, '1000'),
    )
    .option('--augment <list>', `comma list of: ${AUGMENTS.join(', ')}`, augmentList)
    .option(
      '--zero-init-residual',
      "start every residual block as the identity (γ = 0 on its branch's last batch norm), as the presets do",
    )
    .option('--channels <C>', "model input channels, 1 or 3 (default: the dataset's)", channelsFlag)
    .option('--backend <name>', `${BACKEND_CHOICES.join(', ')}`, oneOf('--backend', BACKEND_CHOICES), 'auto')
    .option(
      '--out <dir>',
      'run directory: checkpoint/ and result.json; rerunning with the same --out resumes (default: .scaling-lab/train/<run key>)',
    )
    .option(
      '--restart',
      'discard the checkpoint and result in --out and train from scratch (e.g. after a damaged checkpoint)',
    )
    .option('--json', 'print the result (run key, spec, measurements) as one JSON line on stdout')
    .action(async (flags: TrainFlags) => {
      let spec: RunSpec;
      if (flags.spec !== undefined) {
        const mixed = SPEC_FLAGS.filter((k) => flags[k] !== undefined);
        if (mixed.length > 0)
          throw new UsageError(
            `--spec ${flags.spec} holds the whole run; drop ${mixed.map(flagName).join(', ')} (or drop --spec)`,
          );
        spec = readSpecFile(flags.spec);
      } else {
        spec = specFromFlags(flags);
      }
      const outDir = flags.out ?? defaultRunDir(runKey(spec));
      const result = await runTraining({
        spec,
        backbone: backboneFromFlag(spec.backbone),
        backend: flags.backend,
        outDir,
        dataDir: flags.dataDir,
        restart: flags.restart === true,
        lockHeldBy: sweepParent(),
        progress: trainProgress(spec),
      });
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(result)}\n`
          : `${formatResult(result)}\nresult: ${path.join(outDir, 'result.json')}\n`,
      );
    });
}

/**
 * The run's progress display; a child of a sweep also reports its steps to the sweep over the IPC channel
 * the sweep opened (other parents, such as a test runner's worker pool, own theirs: nothing is sent then).
 */
function trainProgress(spec: RunSpec): TrainProgress {
  const own = makeProgress();
  const parent = sweepParent();
  if (parent === undefined || parent !== process.ppid || process.send === undefined) return own;
  const toSweep = messagingProgress((message) => {
    if (process.connected) process.send!(message, undefined, undefined, () => undefined);
  }, spec.recipe.batchSize);
  return teeProgress(own, toSweep);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatResult({ spec, measured: m }: RunResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const speed = m.imgPerSec === null ? '' : ` (${m.imgPerSec.toFixed(1)} img/s)`;
  return [
    `${spec.backbone} depth ×${m.depth} width ×${m.width} ${m.resolution}px: top-1 ${pct(m.top1)} top-5 ${pct(m.top5)} test loss ${m.loss.toFixed(4)}`,
    `${m.params.toLocaleString('en-US')} params, ${(m.flops / 1e6).toFixed(1)}M multiply-adds; ${plural(m.epochs, 'epoch')}, ` +
      `${plural(m.imagesSeen, 'image')} in ${m.seconds.toFixed(1)} s${speed} on ${m.backend}`,
  ].join('\n');
}

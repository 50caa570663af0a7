/**
 * `scaling-lab train`: one training run of a scaled backbone (docs/architecture.md "CLI and errors"). Validates
 * every flag here, at the boundary, then hands a typed config to @scaling-lab/train's runTraining, which the
 * experiments runner can also call in-process; prints the result row (one JSON line with --json).
 */
import { BACKEND_CHOICES, type BackendChoice, OPTIMIZER_KINDS, type OptimizerKind, parseDatasetSpec, runTraining, SCHEDULE_KINDS, type ScheduleKind, type AugmentKind, type TrainingResult } from '@scaling-lab/train';
import type { Command } from 'commander';
import { sweepParent } from '../../runner/child-run';
import { backboneFromFlag } from '../backbone-flag';
import { UsageError } from '../errors';
import { finiteNumber, integerInRange, oneOf, positiveNumber } from '../parse';
import { addScaleOptions, scaleRequestFrom, type ScaleFlags } from '../scale-options';

/** Bounds far beyond any sensible run; they only catch typos such as --epochs 1e9. */
const MAX_EPOCHS = 10000;
const MAX_BATCH = 4096;
const MAX_LR = 100;
const MAX_LIMIT = 100_000_000;
const AUGMENTS: readonly AugmentKind[] = ['flip', 'crop'];

interface TrainFlags extends ScaleFlags {
  dataset: string;
  dataDir?: string;
  epochs: number;
  batch: number;
  optimizer: OptimizerKind;
  lr: number;
  schedule: ScheduleKind;
  warmupEpochs: number;
  labelSmoothing: number;
  weightDecay: number;
  seed: number;
  limitTrain?: number;
  limitTest?: number;
  augment: AugmentKind[];
  channels?: 1 | 3;
  backend: BackendChoice;
  out: string;
  restart?: boolean;
  json?: boolean;
}

function augmentList(raw: string): AugmentKind[] {
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const item of items) {
    if (!(AUGMENTS as readonly string[]).includes(item)) {
      throw new UsageError(`--augment must be a comma list of ${AUGMENTS.join(', ')}; got '${item}' (e.g. --augment flip,crop)`);
    }
  }
  return [...new Set(items)] as AugmentKind[];
}

function channelsFlag(raw: string): 1 | 3 {
  if (raw !== '1' && raw !== '3') throw new UsageError(`--channels must be 1 or 3, got '${raw}' (grey images are replicated to 3)`);
  return Number(raw) as 1 | 3;
}

function datasetFlag(raw: string): string {
  try {
    return parseDatasetSpec(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function registerTrain(program: Command): void {
  const command = program.command('train').description('train one scaled backbone and print its result (top-1, top-5, params, FLOPs, img/s)');
  addScaleOptions(command);
  command
    .requiredOption('--dataset <name>', 'fashion-mnist, synthetic or folder:<dir>', datasetFlag)
    .option('--data-dir <dir>', 'directory holding the dataset files (default: SCALING_LAB_DATA, then the system location)')
    .requiredOption('--epochs <N>', `epochs (1..${MAX_EPOCHS})`, integerInRange('--epochs', 1, MAX_EPOCHS, '2'))
    .requiredOption('--batch <N>', `batch size (1..${MAX_BATCH})`, integerInRange('--batch', 1, MAX_BATCH, '64'))
    .option('--optimizer <name>', `${OPTIMIZER_KINDS.join(', ')}`, oneOf('--optimizer', OPTIMIZER_KINDS), 'adam')
    .option('--lr <x>', 'peak learning rate', positiveNumber('--lr', MAX_LR, '1e-3'), 1e-3)
    // Default constant, like a plain PyTorch/Keras optimizer: `--lr` means the same thing in both. Measured on
    // MobileNetV2 ×0.5 @32 px, 2 epochs of 10k Fashion-MNIST, Adam 1e-3: constant 73.4%, cosine 68.7% top-1.
    .option('--schedule <name>', `learning-rate schedule after warm-up: ${SCHEDULE_KINDS.join(', ')}`, oneOf('--schedule', SCHEDULE_KINDS), 'constant')
    .option('--warmup-epochs <N>', 'linear warm-up from 0, in epochs (fractions allowed)', finiteNumber('--warmup-epochs', 0, MAX_EPOCHS, '1'), 0)
    .option('--label-smoothing <x>', 'label smoothing ε in [0, 1)', finiteNumber('--label-smoothing', 0, 0.999, '0.1'), 0)
    .option('--weight-decay <x>', 'L2 weight decay λ on conv/dense kernels (added to the gradient)', finiteNumber('--weight-decay', 0, 1, '1e-5'), 0)
    .option('--seed <N>', 'seed of initial weights, data order, augmentation and dropout', integerInRange('--seed', 0, 2 ** 31 - 1, '1'), 0)
    .option('--limit-train <N>', 'train on the first N training images only', integerInRange('--limit-train', 1, MAX_LIMIT, '10000'))
    .option('--limit-test <N>', 'evaluate on the first N test images only', integerInRange('--limit-test', 1, MAX_LIMIT, '1000'))
    .option('--augment <list>', `comma list of: ${AUGMENTS.join(', ')}`, augmentList, [])
    .option('--channels <C>', 'model input channels, 1 or 3 (default: the dataset\'s)', channelsFlag)
    .option('--backend <name>', `${BACKEND_CHOICES.join(', ')}`, oneOf('--backend', BACKEND_CHOICES), 'auto')
    .requiredOption('--out <dir>', 'run directory: checkpoint/ and result.json; rerunning with the same --out resumes')
    .option('--restart', 'discard the checkpoint and result in --out and train from scratch (e.g. after a damaged checkpoint)')
    .option('--json', 'print the result as one JSON line on stdout')
    .action(async (flags: TrainFlags) => {
      const backbone = backboneFromFlag(flags.backbone);
      const scale = scaleRequestFrom(backbone, flags);
      if (flags.warmupEpochs > flags.epochs) {
        throw new UsageError(`--warmup-epochs must be in [0, --epochs] = [0, ${flags.epochs}], got ${flags.warmupEpochs}`);
      }
      const result = await runTraining({
        backbone,
        scale,
        dataset: parseDatasetSpec(flags.dataset),
        dataDir: flags.dataDir,
        epochs: flags.epochs,
        batchSize: flags.batch,
        optimizer: flags.optimizer,
        learningRate: flags.lr,
        schedule: flags.schedule,
        warmupEpochs: flags.warmupEpochs,
        labelSmoothing: flags.labelSmoothing,
        weightDecay: flags.weightDecay,
        seed: flags.seed,
        limitTrain: flags.limitTrain,
        limitTest: flags.limitTest,
        augment: flags.augment,
        channels: flags.channels,
        backend: flags.backend,
        outDir: flags.out,
        restart: flags.restart === true,
        lockHeldBy: sweepParent(),
      });
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatResult(result)}\n`);
    });
}

function formatResult(r: TrainingResult): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  return [
    `${r.backbone} depth ×${r.depth} width ×${r.width} ${r.resolution}px: top-1 ${pct(r.top1)} top-5 ${pct(r.top5)} test loss ${r.loss.toFixed(4)}`,
    `${r.params.toLocaleString('en-US')} params, ${(r.flops / 1e6).toFixed(1)}M multiply-adds; ${r.epochs} epochs, ${r.imagesSeen} images in ${r.seconds.toFixed(1)} s (${r.imgPerSec.toFixed(1)} img/s) on ${r.backend}`,
  ].join('\n');
}

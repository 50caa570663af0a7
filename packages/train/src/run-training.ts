/**
 * One training run from a typed config: backend, data, the scaled model (seeded initial weights), the loop
 * with checkpoints and resume, batch-norm statistics re-estimated on training batches (precise-bn.ts),
 * evaluation on the test split, and the result row of docs/architecture.md
 * "Results and reports" written atomically to <out>/result.json. The `train` CLI command and the runner both call this.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type Backbone, describeWriteFailure, FileWriteError, isWriteFailure, profileModel, type StageSpec, writeFileAtomic } from '@scaling-lab/core';
import type { Channels } from '@scaling-lab/data';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import { type BackendChoice, selectBackend } from './backends/select-backend';
import { gitCommit } from './git-commit';
import { type DatasetSpec, loadRunDataset } from './run-dataset';
import { CHECKPOINT_DIR, deleteCheckpoint } from './trainer/checkpoint';
import { removeSuperseded } from './trainer/checkpoint-slot';
import { describeOwner, tryLockRun } from './run-lock';
import { isOutOfMemory, TrainError } from './trainer/errors';
import { evaluate } from './trainer/evaluate';
import { fit, type Recipe } from './trainer/fit';
import { makeProgress, type Progress } from './trainer/progress';
import { recomputeBatchNormStats } from './trainer/precise-bn';
import { initSeed, shuffleSeed, withSeededRandom } from './trainer/seed';

export type AugmentKind = 'flip' | 'crop';
/** He et al. 2016 Sec. 4.2 pad 4 px on 32 px CIFAR images; 28 px Fashion-MNIST gets the same 4 px. */
export const CROP_PADDING = 4;

export interface TrainingConfig extends Recipe {
  readonly backbone: Backbone<StageSpec>;
  readonly scale: ScaleRequest;
  readonly dataset: DatasetSpec;
  readonly dataDir?: string;
  readonly limitTrain?: number;
  readonly limitTest?: number;
  readonly augment: readonly AugmentKind[];
  /** Model input channels; default: the dataset's. */
  readonly channels?: Channels;
  readonly backend: BackendChoice;
  readonly outDir: string;
  /** Discard the run directory's checkpoint and result and train from scratch (`--restart`). */
  readonly restart?: boolean;
  /** Set in a sweep's training child: the pid of the sweep, which holds the run's lock for it. */
  readonly lockHeldBy?: number;
  /** Progress display: 'auto' (bar on a TTY, else plain lines on stderr), or a Progress (NO_PROGRESS for none). */
  readonly progress?: 'auto' | Progress;
  /** Where one-line notices go (backend choice); default stderr, null for none. */
  readonly log?: ((line: string) => void) | null;
  /** Filled in by the experiments runner. */
  readonly experiment?: string;
  readonly strategy?: string;
  readonly step?: number;
}

/** One result row (docs/architecture.md "Results and reports"). */
export interface TrainingResult {
  readonly experiment?: string;
  readonly strategy?: string;
  readonly step?: number;
  readonly backbone: string;
  readonly depth: number;
  readonly width: number;
  readonly resolution: number;
  readonly phi: number | null;
  readonly params: number;
  readonly flops: number;
  readonly top1: number;
  readonly top5: number;
  /** Test-split cross-entropy (unsmoothed labels). */
  readonly loss: number;
  /** Last epoch's mean training loss (with label smoothing). */
  readonly trainLoss: number | null;
  readonly epochs: number;
  readonly imagesSeen: number;
  /** Training time (steps only, not evaluation or checkpoints), summed over resumed sessions. */
  readonly seconds: number;
  readonly imgPerSec: number;
  readonly backend: string;
  readonly backendReason: string;
  readonly seed: number;
  readonly dataset: string;
  readonly channels: number;
  readonly testImages: number;
  readonly resumedFrom: number | null;
  readonly gitCommit: string | null;
  readonly startedAt: string;
  readonly finishedAt: string;
}

export const RESULT_FILE = 'result.json';

/** What must match for a checkpoint to be resumed (not the backend: a run may resume on another one). */
function fingerprint(config: TrainingConfig, resolution: number, channels: number, datasetName: string): string {
  const { backbone, scale, epochs, batchSize, optimizer, learningRate, schedule, warmupEpochs, labelSmoothing, weightDecay, seed, limitTrain, augment } = config;
  return JSON.stringify({
    backbone: backbone.id, scale, resolution, channels, dataset: datasetName, epochs, batchSize, optimizer, learningRate, schedule,
    warmupEpochs, labelSmoothing, weightDecay, seed, limitTrain: limitTrain ?? null, augment: [...augment].sort(),
  });
}

function oomError(error: unknown, config: TrainingConfig, backend: string, resolution: number): TrainError {
  const smaller = Math.max(1, Math.floor(config.batchSize / 2));
  const heap = backend.startsWith('wasm') ? 'the wasm heap (4 GiB at most)' : `the ${backend} backend's memory`;
  return new TrainError(
    `out of memory in ${heap} training ${config.backbone.id} at ${resolution}px with --batch ${config.batchSize}; ` +
      `use a smaller --batch (e.g. --batch ${smaller}) or a lower --resolution (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
  );
}

/**
 * Trains under the run directory's lock, so two processes never train (or checkpoint) the same run at once.
 */
export async function runTraining(config: TrainingConfig): Promise<TrainingResult> {
  try {
    return await trainUnderLock(config);
  } catch (error) {
    // A read-only or full disk under --out: say where and what to do, not a bare EROFS/ENOSPC.
    if (!isWriteFailure(error)) throw error;
    const target = error instanceof FileWriteError ? error.target : ((error as NodeJS.ErrnoException).path ?? config.outDir);
    throw new TrainError(describeWriteFailure(error, target, '--out'));
  }
}

async function trainUnderLock(config: TrainingConfig): Promise<TrainingResult> {
  const lock = await tryLockRun(config.outDir, { heldByParent: config.lockHeldBy });
  if (!lock.acquired && config.lockHeldBy !== undefined) {
    throw new TrainError(`the sweep that started this run (pid ${config.lockHeldBy}) no longer holds the lock of ${config.outDir}; not training it`);
  }
  if (!lock.acquired) {
    throw new TrainError(`${config.outDir} is being trained by another process (${describeOwner(lock.owner)}); wait for it to finish, or use another --out`);
  }
  try {
    const checkpointDir = path.join(config.outDir, CHECKPOINT_DIR);
    if (config.restart) {
      await deleteCheckpoint(checkpointDir);
      await fs.rm(path.join(config.outDir, RESULT_FILE), { force: true });
    } else {
      await removeSuperseded(checkpointDir);
    }
    return await trainLocked(config);
  } finally {
    await lock.release();
  }
}

async function trainLocked(config: TrainingConfig): Promise<TrainingResult> {
  const backend = await selectBackend(config.backend, { log: config.log });
  const dataset = await loadRunDataset(config.dataset, config.dataDir);
  const channels: Channels = config.channels ?? dataset.channels;
  const spec = scaleSpec(config.backbone, config.scale);
  const resolution = spec.resolution;
  const model = await withSeededRandom(initSeed(config.seed), () =>
    config.backbone.build(spec, { numClasses: dataset.numClasses, inputChannels: channels }),
  );
  try {
    const profile = profileModel(model);
    const progress = config.progress === undefined || config.progress === 'auto' ? makeProgress() : config.progress;
    const crop = config.augment.includes('crop') ? CROP_PADDING : 0;
    let fitted;
    let evaluation;
    try {
      fitted = await fit(model, dataset, {
        ...config,
        resolution,
        channels,
        limitTrain: config.limitTrain,
        augment: { flip: config.augment.includes('flip'), crop },
        checkpointDir: path.join(config.outDir, CHECKPOINT_DIR),
        fingerprint: fingerprint(config, resolution, channels, dataset.name),
      }, { progress });
      recomputeBatchNormStats(model, dataset, { batchSize: config.batchSize, resolution, channels, limitTrain: config.limitTrain, seed: shuffleSeed(config.seed, config.epochs) });
      evaluation = evaluate(model, dataset, { batchSize: config.batchSize, resolution, channels, limit: config.limitTest });
    } catch (error) {
      if (isOutOfMemory(error)) throw oomError(error, config, backend.name, resolution);
      throw error;
    }
    progress.note(
      `test: top-1 ${(100 * evaluation.top1).toFixed(2)}% top-5 ${(100 * evaluation.top5).toFixed(2)}% loss ${evaluation.loss.toFixed(4)} on ${evaluation.images} images`,
    );
    const { state } = fitted;
    const result: TrainingResult = {
      ...(config.experiment !== undefined ? { experiment: config.experiment } : {}),
      ...(config.strategy !== undefined ? { strategy: config.strategy } : {}),
      ...(config.step !== undefined ? { step: config.step } : {}),
      backbone: config.backbone.id,
      depth: spec.scale.depth,
      width: spec.scale.width,
      resolution,
      phi: spec.scale.phi,
      params: profile.params.trainable,
      flops: profile.flops,
      top1: evaluation.top1,
      top5: evaluation.top5,
      loss: evaluation.loss,
      trainLoss: state.trainLoss,
      epochs: state.epoch,
      imagesSeen: state.imagesSeen,
      seconds: state.seconds,
      imgPerSec: state.seconds > 0 ? state.imagesSeen / state.seconds : 0,
      backend: backend.name,
      backendReason: backend.reason,
      seed: config.seed,
      dataset: dataset.name,
      channels,
      testImages: evaluation.images,
      resumedFrom: fitted.resumedFrom,
      gitCommit: gitCommit(),
      startedAt: state.startedAt,
      finishedAt: new Date().toISOString(),
    };
    await writeFileAtomic(path.join(config.outDir, RESULT_FILE), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    try {
      model.dispose();
    } catch (disposeError) {
      // After an out-of-memory abort the wasm heap is unusable and freeing throws too; the error already
      // on its way out (the one that says what to do) must not be replaced by this one.
      // eslint-disable-next-line no-unsafe-finally -- any other failure to free the model is a defect to surface
      if (!isOutOfMemory(disposeError)) throw disposeError;
    }
  }
}

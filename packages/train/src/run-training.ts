/**
 * One training run from a validated run spec (@scaling-lab/run-record): backend, data, the scaled model
 * (seeded initial weights), the loop with checkpoints and resume, batch-norm statistics re-estimated on
 * training batches (precise-bn.ts), evaluation on the test split, and the run result (spec, runKey,
 * measurements) written atomically to <out>/result.json. The `train` CLI command calls this, for a spec
 * file written by the experiments runner or one assembled from flags.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  type Backbone,
  describeWriteFailure,
  FileWriteError,
  isWriteFailure,
  profileModel,
  profileWithoutWeights,
  zeroInitResidualBranches,
  type StageSpec,
  writeFileAtomic,
} from '@scaling-lab/core';
import type { Channels, Dataset } from '@scaling-lab/data';
import { type RunResult, RunResultSchema, type RunSpec, runKey } from '@scaling-lab/run-record';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import { type BackendChoice, selectBackend } from './backends/select-backend';
import { gitCommit } from './git-commit';
import { loadRunDataset, parseDatasetSpec } from './run-dataset';
import { ensureRunDir } from './run-dir';
import { CHECKPOINT_DIR, deleteCheckpoint } from './trainer/checkpoint';
import { removeSuperseded } from './trainer/checkpoint-slot';
import { describeOwner, tryLockRun } from './run-lock';
import { isOutOfMemory, TrainError } from './trainer/errors';
import { evaluate } from './trainer/evaluate';
import { fit } from './trainer/fit';
import { makeProgress, type Progress } from './trainer/progress';
import { recomputeBatchNormStats } from './trainer/precise-bn';
import { initSeed, shuffleSeed, withSeededRandom } from './trainer/seed';

export type AugmentKind = 'flip' | 'crop';
/** He et al. 2016 Sec. 4.2 pad 4 px on 32 px CIFAR images; 28 px Fashion-MNIST gets the same 4 px. */
export const CROP_PADDING = 4;

/** One run: what to train (the spec) and where and how (not part of its identity). */
export interface TrainingConfig {
  readonly spec: RunSpec;
  /** The registered backbone the spec names. */
  readonly backbone: Backbone<StageSpec>;
  readonly backend: BackendChoice;
  readonly outDir: string;
  readonly dataDir?: string;
  /** Discard the run directory's checkpoint and result and train from scratch (`--restart`). */
  readonly restart?: boolean;
  /** Set in a sweep's training child: the pid of the sweep, which holds the run's lock for it. */
  readonly lockHeldBy?: number;
  /** Progress display: 'auto' (bar on a TTY, else plain lines on stderr), or a Progress (NO_PROGRESS for none). */
  readonly progress?: 'auto' | Progress;
  /** Where one-line notices go (backend choice); default stderr, null for none. */
  readonly log?: ((line: string) => void) | null;
}

export const RESULT_FILE = 'result.json';

/** Multiply-adds of the model a scale request builds (the ladder's ×1 point), counted from shapes alone. */
function flopsOf(backbone: Backbone<StageSpec>, scale: ScaleRequest, numClasses: number, channels: Channels): number {
  return profileWithoutWeights(() =>
    backbone.build(scaleSpec(backbone, scale), { numClasses, inputChannels: channels }),
  ).flops;
}

function oomError(error: unknown, config: TrainingConfig, backend: string, resolution: number): TrainError {
  const batchSize = config.spec.recipe.batchSize;
  const smaller = Math.max(1, Math.floor(batchSize / 2));
  const heap = backend.startsWith('wasm') ? 'the wasm heap (4 GiB at most)' : `the ${backend} backend's memory`;
  return new TrainError(
    `out of memory in ${heap} training ${config.backbone.id} at ${resolution}px with --batch ${batchSize}; ` +
      `use a smaller --batch (e.g. --batch ${smaller}) or a lower --resolution (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
  );
}

/**
 * Trains under the run directory's lock, so two processes never train (or checkpoint) the same run at once.
 */
export async function runTraining(config: TrainingConfig): Promise<RunResult> {
  try {
    return await trainUnderLock(config);
  } catch (error) {
    // A read-only or full disk under --out: say where and what to do, not a bare EROFS/ENOSPC.
    if (!isWriteFailure(error)) throw error;
    const target =
      error instanceof FileWriteError ? error.target : ((error as NodeJS.ErrnoException).path ?? config.outDir);
    throw new TrainError(describeWriteFailure(error, target, '--out'));
  }
}

async function trainUnderLock(config: TrainingConfig): Promise<RunResult> {
  if (config.spec.backbone !== config.backbone.id)
    throw new TrainError(`the run spec names backbone ${config.spec.backbone}, not ${config.backbone.id}`);
  // The run directory is proven writable before anything loads or trains.
  await ensureRunDir(config.outDir);
  const lock = await tryLockRun(config.outDir, { heldByParent: config.lockHeldBy });
  if (!lock.acquired && config.lockHeldBy !== undefined) {
    throw new TrainError(
      `the sweep that started this run (pid ${config.lockHeldBy}) no longer holds the lock of ${config.outDir}; not training it`,
    );
  }
  if (!lock.acquired) {
    throw new TrainError(
      `${config.outDir} is being trained by another process (${describeOwner(lock.owner)}); wait for it to finish, or use another --out`,
    );
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

async function trainLocked(config: TrainingConfig): Promise<RunResult> {
  const { spec, backbone } = config;
  const key = runKey(spec);
  const { recipe } = spec;
  // The data is checked before the backend is chosen: a bad folder fails first, alone on stderr.
  const dataset: Dataset = await loadRunDataset(parseDatasetSpec(spec.dataset.name), config.dataDir);
  const backend = await selectBackend(config.backend, { log: config.log });
  const channels: Channels = spec.dataset.channels ?? dataset.channels;
  const limitTrain = spec.dataset.limitTrain ?? undefined;
  const limitTest = spec.dataset.limitTest ?? undefined;
  const scaled = scaleSpec(backbone, spec.scale);
  const resolution = scaled.resolution;
  const baselineFlops = spec.baseline === null ? null : flopsOf(backbone, spec.baseline, dataset.numClasses, channels);
  const model = await withSeededRandom(initSeed(spec.seed), () =>
    backbone.build(scaled, { numClasses: dataset.numClasses, inputChannels: channels }),
  );
  if (recipe.zeroInitResidual) zeroInitResidualBranches(model);
  try {
    const profile = profileModel(model);
    const progress = config.progress === undefined || config.progress === 'auto' ? makeProgress() : config.progress;
    const crop = recipe.augment.includes('crop') ? CROP_PADDING : 0;
    let fitted;
    let evaluation;
    try {
      fitted = await fit(
        model,
        dataset,
        {
          ...recipe,
          seed: spec.seed,
          resolution,
          channels,
          limitTrain,
          augment: { flip: recipe.augment.includes('flip'), crop },
          checkpointDir: path.join(config.outDir, CHECKPOINT_DIR),
          // The run's identity: a checkpoint of any other configuration is refused, never resumed.
          fingerprint: key,
        },
        { progress },
      );
      recomputeBatchNormStats(model, dataset, {
        batchSize: recipe.batchSize,
        resolution,
        channels,
        limitTrain,
        seed: shuffleSeed(spec.seed, recipe.epochs),
      });
      evaluation = evaluate(model, dataset, { batchSize: recipe.batchSize, resolution, channels, limit: limitTest });
    } catch (error) {
      if (isOutOfMemory(error)) throw oomError(error, config, backend.name, resolution);
      throw error;
    }
    progress.note(
      `test: top-1 ${(100 * evaluation.top1).toFixed(2)}% top-5 ${(100 * evaluation.top5).toFixed(2)}% loss ${evaluation.loss.toFixed(4)} on ${evaluation.images} images`,
    );
    const { state } = fitted;
    const result = RunResultSchema.parse({
      runKey: key,
      spec,
      measured: {
        depth: scaled.scale.depth,
        width: scaled.scale.width,
        resolution,
        phi: scaled.scale.phi,
        params: profile.params.trainable,
        flops: profile.flops,
        baselineFlops,
        top1: evaluation.top1,
        top5: evaluation.top5,
        loss: evaluation.loss,
        trainLoss: state.trainLoss,
        trainAccuracy: state.trainAccuracy ?? null,
        epochs: state.epoch,
        imagesSeen: state.imagesSeen,
        seconds: state.seconds,
        imgPerSec: state.seconds > 0 && state.imagesSeen > 0 ? state.imagesSeen / state.seconds : null,
        backend: backend.name,
        backendReason: backend.reason,
        datasetName: dataset.name,
        channels,
        testImages: evaluation.images,
        resumedFrom: fitted.resumedFrom,
        gitCommit: gitCommit(),
        startedAt: state.startedAt,
        finishedAt: new Date().toISOString(),
      },
    });
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

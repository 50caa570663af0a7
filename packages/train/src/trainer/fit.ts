/**
 * The training loop: epochs of seeded, shuffled batches, one optimizer step each with the scheduled
 * learning rate, a checkpoint after every epoch and resume from the last one. A NaN/Inf loss stops the run
 * before the bad update, and an epoch that leaves any saved value NaN/Inf (weights, batch-norm statistics,
 * optimizer slots) is never checkpointed: the previous epoch's checkpoint stays the last good one.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type AugmentOptions, type Channels, type Dataset, numBatches } from '@scaling-lab/data';
import {
  readStoredCheckpoint,
  restoreCheckpoint,
  snapshotCheckpoint,
  type TrainState,
  writeCheckpoint,
} from './checkpoint';
import { NonFiniteLossError, TrainError } from './errors';
import { makeOptimizer, type OptimizerKind, setLearningRate } from './optimizers';
import { NO_PROGRESS, type Progress } from './progress';
import { learningRateAt, type Schedule, type ScheduleKind } from './schedule';
import { epochSeed, shuffleSeed, withSeededRandom } from './seed';
import { trainStep } from './train-step';

/** The optimization recipe: what a training run passes through to its fit loop unchanged. */
export interface Recipe {
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: OptimizerKind;
  readonly learningRate: number;
  readonly schedule: ScheduleKind;
  readonly warmupEpochs: number;
  readonly labelSmoothing: number;
  readonly weightDecay: number;
  readonly seed: number;
}

export interface FitConfig extends Recipe {
  /** Side of the square training images (the model's input size). */
  readonly resolution: number;
  readonly channels: Channels;
  readonly limitTrain?: number;
  readonly augment?: AugmentOptions;
  /** Directory of the run's checkpoint; null trains without checkpoints (and without resume). */
  readonly checkpointDir: string | null;
  /** Identifies the configuration; a checkpoint with another fingerprint is refused, not resumed. */
  readonly fingerprint: string;
}

export interface FitHooks {
  readonly progress?: Progress;
  /** Called after each epoch's checkpoint (tests watch the tensor count here). */
  readonly onEpochEnd?: (state: TrainState) => void;
}

export interface FitResult {
  readonly state: TrainState;
  /** The epoch the run resumed after, or null for a fresh start. */
  readonly resumedFrom: number | null;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function stepsPerEpoch(dataset: Dataset, config: Pick<FitConfig, 'batchSize' | 'limitTrain'>): number {
  return numBatches(dataset, 'train', {
    batchSize: config.batchSize,
    limit: config.limitTrain,
    dropRemainder: dropsRemainder(dataset, config),
  });
}

/**
 * A ragged last batch is dropped (as the TF reference input pipelines do with drop_remainder) so batch norm
 * never sees a tiny batch, unless the split is smaller than one batch.
 */
function dropsRemainder(dataset: Dataset, config: Pick<FitConfig, 'batchSize' | 'limitTrain'>): boolean {
  const n = Math.min(dataset.trainSize, config.limitTrain ?? Infinity);
  return n >= config.batchSize;
}

async function resume(config: FitConfig, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<TrainState | null> {
  if (config.checkpointDir == null) return null;
  const saved = await readStoredCheckpoint(config.checkpointDir);
  if (saved == null) return null;
  if (saved.state.fingerprint !== config.fingerprint) {
    throw new TrainError(
      `${path.dirname(config.checkpointDir)} holds a checkpoint of a different run configuration; ` +
        'use another --out, or delete that directory to start over',
      { usage: true },
    );
  }
  return restoreCheckpoint(saved, path.dirname(config.checkpointDir), model, optimizer);
}

export async function fit(
  model: tf.LayersModel,
  dataset: Dataset,
  config: FitConfig,
  hooks: FitHooks = {},
): Promise<FitResult> {
  const progress = hooks.progress ?? NO_PROGRESS;
  const optimizer = makeOptimizer(config.optimizer, config.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const steps = stepsPerEpoch(dataset, config);
  const schedule: Schedule = {
    kind: config.schedule,
    baseRate: config.learningRate,
    stepsPerEpoch: steps,
    totalSteps: steps * config.epochs,
    warmupSteps: Math.round(config.warmupEpochs * steps),
  };
  try {
    const restored = await resume(config, model, optimizer);
    let state: TrainState = restored ?? {
      epoch: 0,
      step: 0,
      imagesSeen: 0,
      seconds: 0,
      seed: config.seed,
      trainLoss: null,
      trainAccuracy: null,
      fingerprint: config.fingerprint,
      startedAt: new Date().toISOString(),
    };
    if (restored) progress.note(`resuming after epoch ${restored.epoch}/${config.epochs} from ${config.checkpointDir}`);
    for (let epoch = state.epoch; epoch < config.epochs; epoch++) {
      state = await withSeededRandom(epochSeed(config.seed, epoch), () =>
        runEpoch(model, optimizer, variables, dataset, config, schedule, state, progress),
      );
      const snapshot = await snapshotCheckpoint(model, optimizer, state);
      if (snapshot.nonFinite.length > 0) {
        throw new NonFiniteLossError(
          `weights became NaN/Inf in epoch ${epoch + 1} (${describeNames(snapshot.nonFinite)}); ${lastGood(config, epoch)}; lower --lr or add --warmup-epochs`,
        );
      }
      if (config.checkpointDir != null) await writeCheckpoint(config.checkpointDir, snapshot);
      hooks.onEpochEnd?.(state);
    }
    return { state, resumedFrom: restored ? restored.epoch : null };
  } finally {
    progress.stop();
    optimizer.dispose();
  }
}

function describeNames(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function lastGood(config: FitConfig, epoch: number): string {
  if (config.checkpointDir == null) return 'no checkpoint was being written';
  return epoch === 0
    ? 'no epoch finished, so there is no checkpoint'
    : `the last good checkpoint (epoch ${epoch}) is kept in ${config.checkpointDir}`;
}

async function runEpoch(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  dataset: Dataset,
  config: FitConfig,
  schedule: Schedule,
  start: TrainState,
  progress: Progress,
): Promise<TrainState> {
  const epoch = start.epoch; // 0-based index of the epoch being trained
  const steps = schedule.stepsPerEpoch;
  progress.epochStarted(epoch + 1, config.epochs, steps);
  const batches = dataset.batches('train', {
    batchSize: config.batchSize,
    resolution: config.resolution,
    channels: config.channels,
    shuffleSeed: shuffleSeed(config.seed, epoch),
    augment: config.augment,
    limit: config.limitTrain,
    dropRemainder: dropsRemainder(dataset, config),
  });
  let step = start.step;
  let images = 0;
  let lossSum = 0;
  let correct = 0;
  let seconds = 0;
  let i = 0;
  for (const batch of batches) {
    const t0 = performance.now();
    const n = batch.labels.length;
    const rate = learningRateAt(schedule, step);
    setLearningRate(optimizer, rate);
    let outcome;
    try {
      outcome = trainStep(model, optimizer, variables, batch, config);
    } finally {
      batch.dispose();
    }
    if (!outcome.applied) {
      throw new NonFiniteLossError(
        `training loss became ${outcome.loss} at epoch ${epoch + 1} step ${i + 1} (learning rate ${rate.toPrecision(3)}); ` +
          `${lastGood(config, epoch)}; lower --lr or add --warmup-epochs`,
      );
    }
    seconds += (performance.now() - t0) / 1000;
    step++;
    i++;
    images += n;
    lossSum += outcome.loss * n;
    correct += outcome.correct;
    const imgPerSec = images / seconds;
    const remainingImages = (schedule.totalSteps - step) * config.batchSize;
    progress.step({
      epoch: epoch + 1,
      epochs: config.epochs,
      step: i,
      steps,
      loss: lossSum / images,
      accuracy: correct / images,
      imgPerSec,
      etaSeconds: remainingImages / imgPerSec,
    });
    // Lets timers run between steps: the progress bar's redraw and the runner's parent-alive check.
    await yieldToEventLoop();
  }
  const trainLoss = images > 0 ? lossSum / images : null;
  progress.epochEnded(
    `epoch ${epoch + 1}/${config.epochs}: train loss ${trainLoss?.toFixed(4) ?? '-'} acc ${images > 0 ? ((100 * correct) / images).toFixed(1) : '-'}% ` +
      `${images} images in ${seconds.toFixed(1)} s (${(images / Math.max(seconds, 1e-9)).toFixed(1)} img/s)`,
  );
  return {
    ...start,
    epoch: epoch + 1,
    step,
    imagesSeen: start.imagesSeen + images,
    seconds: start.seconds + seconds,
    trainLoss,
    trainAccuracy: images > 0 ? correct / images : null,
  };
}

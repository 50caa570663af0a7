/**
 * Turns raw uint8 images into training batches one at a time: order (fixed subset, seeded shuffle),
 * augmentation, channel conversion, normalization with train statistics and resize to the run's
 * resolution (area averaging down, bilinear up) (EfficientNet Sec. 3: resolution is a property of the input, not of the network).
 */
import * as tf from '@tensorflow/tfjs';
import { augmentInto, drawAugment } from './augment';
import type { Batch, BatchOptions, ChannelStats, Channels, ImageSize, RawSplit, Split } from './dataset';
import { DataError } from './errors';
import { deriveSeed, mulberry32, permutation } from './random';
import { resizeToSquare } from './resize';
import { LUMA_WEIGHTS } from './stats';

/** What the batcher needs from a dataset. */
export interface BatchSource {
  readonly imageSize: ImageSize;
  readonly channels: Channels;
  readonly numClasses: number;
  raw(split: Split): RawSplit;
  /** Normalization statistics for images converted to `channels`. */
  statsFor(channels: Channels): ChannelStats;
}

/** Stream tag separating augmentation randomness from the shuffle drawn from the same seed. */
const AUGMENT_STREAM = 1;

function splitSize(source: { raw(split: Split): RawSplit }, split: Split): number {
  return source.raw(split).labels.length;
}

function requirePositiveInt(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new DataError(`${name} must be a positive integer (got ${value})`);
  }
}

/** Checks options at the boundary so the batch loop can trust them. */
export function validateBatchOptions(options: BatchOptions, imageSize: ImageSize): void {
  requirePositiveInt('batchSize', options.batchSize);
  requirePositiveInt('resolution', options.resolution);
  requirePositiveInt('limit', options.limit);
  if (options.shuffleSeed !== undefined && !Number.isSafeInteger(options.shuffleSeed)) {
    throw new DataError(`shuffleSeed must be an integer (got ${options.shuffleSeed})`);
  }
  if (options.channels !== undefined && options.channels !== 1 && options.channels !== 3) {
    throw new DataError(`channels must be 1 or 3 (got ${options.channels})`);
  }
  const crop = options.augment?.crop;
  const maxCrop = Math.min(imageSize.height, imageSize.width) - 1;
  if (crop !== undefined && !(Number.isInteger(crop) && crop >= 0 && crop <= maxCrop)) {
    throw new DataError(`augment.crop must be an integer from 0 to ${maxCrop} pixels (got ${crop})`);
  }
}

/** Images of `split` that batches() will visit: the whole split or its first `limit` images. */
export function usedSize(splitLength: number, limit?: number): number {
  return limit === undefined ? splitLength : Math.min(limit, splitLength);
}

/** How many batches `batches(split, options)` yields. */
export function numBatches(
  dataset: { raw(split: Split): RawSplit },
  split: Split,
  options: Pick<BatchOptions, 'batchSize' | 'limit' | 'dropRemainder'>,
): number {
  requirePositiveInt('batchSize', options.batchSize);
  requirePositiveInt('limit', options.limit);
  const n = usedSize(splitSize(dataset, split), options.limit);
  return options.dropRemainder ? Math.floor(n / options.batchSize) : Math.ceil(n / options.batchSize);
}

/** Validates eagerly, then returns the lazy batch generator. */
export function makeBatches(source: BatchSource, split: Split, options: BatchOptions): IterableIterator<Batch> {
  validateBatchOptions(options, source.imageSize);
  return generateBatches(source, split, options);
}

function* generateBatches(source: BatchSource, split: Split, options: BatchOptions): IterableIterator<Batch> {
  const { images, labels } = source.raw(split);
  const { height, width } = source.imageSize;
  const inChannels = source.channels;
  const outChannels = options.channels ?? inChannels;
  const resolution = options.resolution;
  const pixels = height * width * inChannels;
  const n = usedSize(labels.length, options.limit);
  const count = numBatches(source, split, options);
  // Evaluation sees the same images in the same order every time: no shuffle, no augmentation.
  const isTrain = split === 'train';
  const order = isTrain && options.shuffleSeed !== undefined ? permutation(n, options.shuffleSeed) : null;
  const augment = isTrain && (options.augment?.flip || (options.augment?.crop ?? 0) > 0) ? options.augment! : null;
  const rng = augment ? mulberry32(deriveSeed(options.shuffleSeed ?? 0, AUGMENT_STREAM)) : null;
  const stats = source.statsFor(outChannels);

  for (let b = 0; b < count; b++) {
    const start = b * options.batchSize;
    const size = Math.min(options.batchSize, n - start);
    const raw = new Float32Array(size * pixels);
    const batchLabels = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const index = order ? order[start + i] : start + i;
      batchLabels[i] = labels[index];
      if (augment && rng) {
        augmentInto(images, index * pixels, source.imageSize, inChannels, drawAugment(augment, rng), raw, i * pixels);
      } else {
        raw.set(images.subarray(index * pixels, (index + 1) * pixels), i * pixels);
      }
    }
    // Only tensors leave the tidy (returning typed arrays would make tidy walk them element by element).
    const { xs, ys } = tf.tidy(() => {
      let x: tf.Tensor4D = tf.tensor4d(raw, [size, height, width, inChannels], 'float32');
      if (inChannels === 1 && outChannels === 3) x = tf.tile(x, [1, 1, 1, 3]);
      if (inChannels === 3 && outChannels === 1) x = tf.sum(tf.mul(x, tf.tensor1d([...LUMA_WEIGHTS])), -1, true);
      // (pixel/255 − mean)/std as one affine map; mean and std are on the [0, 1] scale.
      const mean = tf.tensor1d(stats.mean.map((m) => m * 255));
      const std = tf.tensor1d(stats.std.map((s) => s * 255));
      x = tf.div(tf.sub(x, mean), std);
      if (resolution !== undefined) x = resizeToSquare(x, resolution);
      const y = tf.cast(tf.oneHot(tf.tensor1d(batchLabels, 'int32'), source.numClasses), 'float32') as tf.Tensor2D;
      return { xs: x, ys: y };
    });
    yield {
      xs,
      ys,
      labels: batchLabels,
      dispose: () => {
        xs.dispose();
        ys.dispose();
      },
    };
  }
}

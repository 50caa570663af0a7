/**
 * The one Dataset implementation: uint8 images held in memory plus the batcher. Every loader (IDX, image
 * folders, synthetic) decodes into this shape, so batching, normalization and augmentation behave the same
 * whatever the source.
 */
import { makeBatches } from './batches';
import type { Batch, BatchOptions, ChannelStats, Channels, Dataset, ImageSize, RawSplit, Split } from './dataset';
import { DataError } from './errors';
import { computeChannelStats, computeLumaStats } from './stats';

export interface InMemoryDatasetSpec {
  readonly name: string;
  readonly classNames: readonly string[];
  readonly imageSize: ImageSize;
  readonly channels: Channels;
  readonly train: RawSplit;
  readonly test: RawSplit;
}

function checkSplit(spec: InMemoryDatasetSpec, split: Split): void {
  const { images, labels } = spec[split];
  const pixels = spec.imageSize.height * spec.imageSize.width * spec.channels;
  if (images.length !== labels.length * pixels) {
    throw new DataError(
      `${spec.name} ${split}: ${images.length} image bytes do not hold ${labels.length} images of ` +
        `${spec.imageSize.height}×${spec.imageSize.width}×${spec.channels}`,
    );
  }
  const numClasses = spec.classNames.length;
  for (let i = 0; i < labels.length; i++) {
    if (!(labels[i] >= 0 && labels[i] < numClasses)) {
      throw new DataError(`${spec.name} ${split}: label ${labels[i]} at index ${i} is outside 0..${numClasses - 1}`);
    }
  }
}

export class InMemoryDataset implements Dataset {
  readonly name: string;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly imageSize: ImageSize;
  readonly channels: Channels;
  readonly trainSize: number;
  readonly testSize: number;
  /** Train-split statistics at native channels (see ChannelStats). */
  readonly stats: ChannelStats;
  private readonly splits: Record<Split, RawSplit>;
  private lumaStats: ChannelStats | null = null;

  constructor(spec: InMemoryDatasetSpec) {
    checkSplit(spec, 'train');
    checkSplit(spec, 'test');
    if (spec.train.labels.length === 0) throw new DataError(`${spec.name}: the train split is empty`);
    this.name = spec.name;
    this.classNames = [...spec.classNames];
    this.numClasses = spec.classNames.length;
    this.imageSize = { ...spec.imageSize };
    this.channels = spec.channels;
    this.splits = { train: spec.train, test: spec.test };
    this.trainSize = spec.train.labels.length;
    this.testSize = spec.test.labels.length;
    this.stats = computeChannelStats(spec.train.images, spec.channels);
  }

  raw(split: Split): RawSplit {
    return this.splits[split];
  }

  /** Statistics for batches converted to `channels`: replicated for grey→RGB, luma stats for RGB→grey. */
  statsFor(channels: Channels): ChannelStats {
    if (channels === this.channels) return this.stats;
    if (channels === 3) {
      return { mean: [0, 0, 0].map(() => this.stats.mean[0]), std: [0, 0, 0].map(() => this.stats.std[0]) };
    }
    // The std of a weighted channel sum depends on channel covariances, so measure it once on demand.
    this.lumaStats ??= computeLumaStats(this.splits.train.images);
    return this.lumaStats;
  }

  batches(split: Split, options: BatchOptions): IterableIterator<Batch> {
    return makeBatches(this, split, options);
  }
}

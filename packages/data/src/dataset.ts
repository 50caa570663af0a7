/**
 * The dataset contract the trainer consumes: metadata plus lazily built batches. Raw images stay in memory
 * as uint8 (Fashion-MNIST train is 60000×784 bytes); float tensors exist one batch at a time, so memory
 * does not grow with the dataset or the run's resolution.
 */
import type * as tf from '@tensorflow/tfjs';

export type Split = 'train' | 'test';
export type Channels = 1 | 3;

export interface ImageSize {
  readonly height: number;
  readonly width: number;
}

/** Raw images of one split: uint8 NHWC, row-major, at the dataset's native size and channels. */
export interface RawSplit {
  readonly images: Uint8Array;
  readonly labels: Int32Array;
}

/**
 * Per-channel mean and standard deviation of the train split's pixels on the [0, 1] scale (pixel / 255).
 * Batches subtract the mean and divide by the std, so train inputs have mean 0 and std 1 per channel; the
 * test split uses the same train statistics (it must not peek at its own).
 */
export interface ChannelStats {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

export interface AugmentOptions {
  /** Mirror each image left-right with probability 1/2. */
  readonly flip?: boolean;
  /** Pad by this many pixels (with black, i.e. raw 0) and crop back at a random offset, at native size. */
  readonly crop?: number;
}

export interface BatchOptions {
  readonly batchSize: number;
  /** Side length of the (square) batch images: area-averaged down or bilinear up from the native size. Default: native. */
  readonly resolution?: number;
  /** 1 or 3; grey is replicated to 3 channels, colour is reduced to luma for 1. Default: native. */
  readonly channels?: Channels;
  /**
   * Train only: the order is a permutation drawn from this seed (same seed → same order, pass e.g.
   * runSeed × 1000 + epoch for a fresh order per epoch). Without it the train split is read in stored order.
   * The test split is never shuffled.
   */
  readonly shuffleSeed?: number;
  /** Train only: random flips/crops, drawn from a stream derived from `shuffleSeed` (or 0). */
  readonly augment?: AugmentOptions;
  /**
   * Use only the first `limit` images of the split (the CLI's --limit-train / --limit-test). The subset is
   * fixed across epochs; shuffling permutes within it.
   */
  readonly limit?: number;
  /** Drop a final batch smaller than batchSize (default false: it is yielded). */
  readonly dropRemainder?: boolean;
}

export interface Batch {
  /** NHWC float32, normalized with the train split's channel statistics. */
  readonly xs: tf.Tensor4D;
  /** One-hot float32 [N, numClasses]. */
  readonly ys: tf.Tensor2D;
  readonly labels: Int32Array;
  /** Disposes xs and ys; the consumer owns each batch's tensors. */
  dispose(): void;
}

export interface Dataset {
  /** Short id stored with results, e.g. 'fashion-mnist'. */
  readonly name: string;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  /** Native image size and channels of the stored images. */
  readonly imageSize: ImageSize;
  readonly channels: Channels;
  readonly trainSize: number;
  readonly testSize: number;
  /** Statistics of the train split at native channels, used to normalize both splits. */
  readonly stats: ChannelStats;
  /** The stored uint8 images and labels of a split (read-only by convention). */
  raw(split: Split): RawSplit;
  /** Batches built lazily, one at a time; each batch's tensors belong to the consumer. */
  batches(split: Split, options: BatchOptions): IterableIterator<Batch>;
}

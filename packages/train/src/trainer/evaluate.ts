/**
 * Top-1 / top-5 accuracy and mean cross-entropy on the test split, batch by batch in inference mode (batch
 * norm uses its moving averages, dropout is off) through an inference plan compiled from the current
 * weights (batch norm folded, conv blocks fused). Only per-batch counts leave each tidy, so memory and the
 * tensor count stay flat however large the split.
 */
import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '@scaling-lab/data';
import { compileInference } from '../inference/compile-inference';
import { crossEntropy } from './loss';

export interface EvalOptions {
  readonly batchSize: number;
  readonly resolution: number;
  readonly channels: 1 | 3;
  readonly limit?: number;
}

export interface EvalResult {
  readonly top1: number;
  readonly top5: number;
  /** Mean cross-entropy against the true (unsmoothed) labels. */
  readonly loss: number;
  readonly images: number;
}

/** Top-k as the ImageNet papers report it; k is capped by the number of classes (top-5 of 3 classes is 1). */
export const TOP_K = 5;

export function evaluate(model: tf.LayersModel, dataset: Dataset, options: EvalOptions): EvalResult {
  const k = Math.min(TOP_K, dataset.numClasses);
  let correct1 = 0;
  let correctK = 0;
  let lossSum = 0;
  let images = 0;
  const plan = compileInference(model);
  try {
    for (const batch of dataset.batches('test', {
      batchSize: options.batchSize,
      resolution: options.resolution,
      channels: options.channels,
      limit: options.limit,
    })) {
      try {
        const n = batch.labels.length;
        const stats = tf.tidy(() => {
          const probs = plan.predict(batch.xs) as tf.Tensor2D;
          const { indices } = tf.topk(probs, k);
          const labels = tf.tensor2d(batch.labels, [n, 1], 'int32');
          const hits = tf.cast(tf.equal(indices, labels), 'float32');
          const top1 = tf.sum(hits.slice([0, 0], [n, 1]));
          const topK = tf.sum(hits);
          // crossEntropy is a batch mean: scale back to a sum so the split mean weighs every image equally.
          const loss = tf.mul(crossEntropy(batch.ys, probs), n);
          return tf.stack([top1, topK, loss]);
        });
        const [c1, ck, l] = stats.dataSync();
        stats.dispose();
        correct1 += c1;
        correctK += ck;
        lossSum += l;
        images += n;
      } finally {
        batch.dispose();
      }
    }
  } finally {
    plan.dispose();
  }
  if (images === 0) return { top1: NaN, top5: NaN, loss: NaN, images: 0 };
  return { top1: correct1 / images, top5: correctK / images, loss: lossSum / images, images };
}

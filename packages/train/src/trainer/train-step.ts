/**
 * One optimizer step on one batch: forward in training mode (batch statistics, dropout on), cross-entropy
 * against the smoothed targets, gradients, L2 weight decay, then the update. The loss is read before the
 * update is applied, so a NaN/Inf step never reaches the weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '@scaling-lab/data';
import { planBatchNormActivations } from '../wasm/fused/activation-plan';
import { crossEntropy, smoothLabels } from './loss';
import { addWeightDecay } from './weight-decay';

export interface StepOutcome {
  /** Batch-mean training loss (with label smoothing, without the decay term). */
  readonly loss: number;
  /** Images of the batch whose top-1 prediction was right. */
  readonly correct: number;
  /** False when the loss or the model's outputs were NaN/±Inf: the update was not applied. */
  readonly applied: boolean;
}

export interface StepSettings {
  readonly labelSmoothing: number;
  readonly weightDecay: number;
}

export function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  batch: Batch,
  settings: StepSettings,
): StepOutcome {
  // Batch norms followed only by a ReLU apply it themselves (on wasm; elsewhere this changes nothing).
  planBatchNormActivations(model);
  let hitsAndSum: tf.Tensor | null = null;
  const { value, grads } = tf.tidy(() => {
    const targets = smoothLabels(batch.ys, settings.labelSmoothing);
    return tf.variableGrads(() => {
      const probs = model.apply(batch.xs, { training: true }) as tf.Tensor2D;
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), tf.argMax(batch.ys, -1)), 'float32'));
      // The probabilities' sum is finite only when every output is: the loss alone can hide a NaN, since
      // some backends' clip (wasm's XNNPACK min/max) turns NaN into a bound.
      hitsAndSum = tf.keep(tf.stack([correct, tf.sum(probs)]));
      return crossEntropy(targets, probs);
    }, variables);
  });
  // One device read per step for loss, hits and the finiteness probe (each read is a sync on a GPU backend).
  // Read after the tidy: returning typed arrays from tidy makes it walk every element.
  const stats = tf.tidy(() => tf.concat([value.reshape([1]), hitsAndSum as unknown as tf.Tensor]));
  const [loss, hits, probSum] = Array.from(stats.dataSync());
  stats.dispose();
  const applied = Number.isFinite(loss) && Number.isFinite(probSum);
  try {
    if (applied) {
      tf.tidy(() => {
        const ordered = variables.map((v) => grads[v.name]);
        const decayed = addWeightDecay(variables, ordered, settings.weightDecay);
        // An array (not a name map) keeps the optimizer's slot order equal to `variables`' order.
        optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: decayed[i] as tf.Tensor })));
      });
    }
  } finally {
    tf.dispose([value, ...Object.values(grads)]);
    if (hitsAndSum != null) (hitsAndSum as tf.Tensor).dispose();
  }
  return { loss: Number.isFinite(probSum) ? loss : NaN, correct: hits, applied };
}

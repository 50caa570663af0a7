/**
 * Categorical cross-entropy on the backbones' softmax outputs, with label smoothing. Every backbone ends in
 * a softmax Dense layer, so the loss sees probabilities: like Keras's categorical_crossentropy it clips them
 * to [ε, 1−ε] before the log, which keeps log(0) from producing -Inf and NaN gradients.
 */
import * as tf from '@tensorflow/tfjs';

/** Keras backend epsilon (tf.keras.backend.epsilon()), the clip of its categorical_crossentropy. */
export const PROBABILITY_EPSILON = 1e-7;

/**
 * Label smoothing (Szegedy et al. 2016, "Rethinking the Inception Architecture", Sec. 7): mixes the one-hot
 * target with the uniform distribution, y' = (1 − ε)·y + ε/K.
 */
export function smoothLabels(oneHot: tf.Tensor2D, smoothing: number): tf.Tensor2D {
  if (smoothing === 0) return oneHot;
  const k = oneHot.shape[1];
  return tf.tidy(() => tf.add(tf.mul(oneHot, 1 - smoothing), smoothing / k));
}

/** Mean over the batch of −Σ y·log(clip(p)). */
export function crossEntropy(targets: tf.Tensor2D, probabilities: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(probabilities, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
    return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.log(p)), -1))) as tf.Scalar;
  });
}

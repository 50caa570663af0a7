/**
 * The three optimizers of the CLI (tf.train's classes with a one-kernel-per-variable step on wasm), and the
 * one way to change their learning rate between steps. tfjs optimizers take a fixed rate at construction: Adam and RMSProp read `learningRate` on
 * every step, but SGD and momentum cache it as a scalar tensor (`c`), which only `setLearningRate` refreshes.
 */
import * as tf from '@tensorflow/tfjs';
import { FusedAdamOptimizer, FusedMomentumOptimizer, FusedRMSPropOptimizer } from './fused-optimizers';

export type OptimizerKind = 'sgd' | 'rmsprop' | 'adam';
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['adam', 'sgd', 'rmsprop'];

/** SGD momentum 0.9: the ResNet/MobileNet reference recipes (He et al. 2016 Sec. 3.4). */
export const SGD_MOMENTUM = 0.9;
/** RMSProp decay 0.9, momentum 0.9, epsilon 1e-3 (EfficientNet Sec. 5.2; epsilon from the TF reference's flags). */
export const RMSPROP_DECAY = 0.9;
export const RMSPROP_MOMENTUM = 0.9;
export const RMSPROP_EPSILON = 1e-3;
/** Adam β1 0.9, β2 0.999, ε 1e-7: the Keras defaults (tf.keras.optimizers.Adam). */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-7;

export function makeOptimizer(kind: OptimizerKind, learningRate: number): tf.Optimizer {
  switch (kind) {
    case 'sgd':
      return new FusedMomentumOptimizer(learningRate, SGD_MOMENTUM);
    case 'rmsprop':
      return new FusedRMSPropOptimizer(learningRate, RMSPROP_DECAY, RMSPROP_MOMENTUM, RMSPROP_EPSILON);
    case 'adam':
      return new FusedAdamOptimizer(learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
  }
}

/** Sets the rate used by the optimizer's next step, whichever tf.train class it is. */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(learningRate);
  else o.learningRate = learningRate;
}

export function getLearningRate(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}

// One optimizer step and one inference pass of a LayersModel on a fixed batch, as a benchmark
// times them. The step is the trainer's own (`trainStep`: BN in training mode, cross-entropy, finiteness
// check, update), so the bench measures what training runs; the forward pass is what evaluation runs, an
// inference plan of the current weights (inference mode, batch norm folded) on the whole batch at once; Adam
// with the Keras default learning rate.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '@scaling-lab/data';
import { compileInference, type InferencePlan } from '../inference/compile-inference';
import { makeOptimizer } from '../trainer/optimizers';
import { trainStep } from '../trainer/train-step';

/** Keras Adam default learning rate (tf.keras.optimizers.Adam, learning_rate=0.001). */
export const ADAM_LEARNING_RATE = 1e-3;

export interface StepRunner {
  train(): void;
  /** One inference pass over the batch; the first call after training compiles the plan of the new weights. */
  forward(): void;
  dispose(): void;
}

export function makeStepRunner(
  model: tf.LayersModel,
  batchSize: number,
  numClasses: number,
  shape?: number[],
): StepRunner {
  const inputShape = shape ?? (model.inputs[0].shape.slice(1) as number[]);
  if (inputShape.some((d) => d == null || d <= 0))
    throw new Error(`model '${model.name}' has input shape [${inputShape}]; pass inputShape to the bench`);
  const x = tf.randomNormal([batchSize, ...inputShape]);
  const labels = tf.oneHot(tf.randomUniform([batchSize], 0, numClasses, 'int32') as tf.Tensor1D, numClasses);
  const optimizer = makeOptimizer('adam', ADAM_LEARNING_RATE);
  const varList = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const batch: Batch = {
    xs: x as tf.Tensor4D,
    ys: labels as tf.Tensor2D,
    labels: new Int32Array(batchSize),
    dispose: () => undefined,
  };
  let plan: InferencePlan | null = null;
  return {
    train() {
      plan?.dispose();
      plan = null;
      trainStep(model, optimizer, varList, batch, { labelSmoothing: 0, weightDecay: 0 });
    },
    forward() {
      plan ??= compileInference(model);
      const y = plan.predict(x);
      y.dataSync();
      y.dispose();
    },
    dispose() {
      plan?.dispose();
      tf.dispose([x, labels]);
      optimizer.dispose();
    },
  };
}

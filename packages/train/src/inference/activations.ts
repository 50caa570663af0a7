// The activations an inference plan fuses into a convolution: which layers and conv `activation` settings
// are one of them, and the stock computation for backends without the native inference kernel (the wasm
// path's one-kernel swish and hard-swish while the fused kernels are active).
import * as tf from '@tensorflow/tfjs';
import { InferenceActivation } from '@scaling-lab/native';
import { fusedKernelsActive } from '../wasm/fused/active';
import { HARD_SWISH, SWISH } from '../wasm/fused/activations';

/** tfjs activation class names (a conv layer's `activation`, an Activation layer) that have a fused form. */
const BY_CLASS_NAME: Readonly<Record<string, InferenceActivation>> = {
  linear: InferenceActivation.Linear,
  relu: InferenceActivation.Relu,
  relu6: InferenceActivation.Relu6,
  swish: InferenceActivation.Swish,
  sigmoid: InferenceActivation.Sigmoid,
};

interface ActivationFn {
  getClassName(): string;
}

/** The fused form of a tfjs activation function, or null (softmax, tanh, ...; swish with alpha != 1). */
export function activationOf(fn: ActivationFn | null | undefined): InferenceActivation | null {
  if (fn == null) return InferenceActivation.Linear;
  const name = fn.getClassName();
  // tfjs's Swish activation takes an alpha only through apply(); the layer always calls it with 1.
  return BY_CLASS_NAME[name] ?? null;
}

/**
 * The activation a whole layer computes when it is nothing but an activation (ReLU, ReLU(max 6), Activation,
 * and the project's HardSwish / HardSigmoid layers), or null.
 */
export function activationLayerOf(layer: tf.layers.Layer): InferenceActivation | null {
  const className = layer.getClassName();
  if (className === 'ReLU') {
    const maxValue = (layer as unknown as { maxValue?: number | null }).maxValue;
    if (maxValue == null) return InferenceActivation.Relu;
    return maxValue === 6 ? InferenceActivation.Relu6 : null;
  }
  if (className === 'Activation') {
    const act = activationOf((layer as unknown as { activation: ActivationFn }).activation);
    return act;
  }
  if (className === 'HardSwish') return InferenceActivation.HardSwish;
  if (className === 'HardSigmoid') return InferenceActivation.HardSigmoid;
  return null;
}

/** The activation computed with stock kernels (one kernel each where the fused wasm kernels exist). */
export function applyActivation(x: tf.Tensor, act: InferenceActivation): tf.Tensor {
  switch (act) {
    case InferenceActivation.Linear:
      return x;
    case InferenceActivation.Relu:
      return tf.relu(x);
    case InferenceActivation.Relu6:
      return tf.relu6(x);
    case InferenceActivation.Swish:
      return fusedKernelsActive() ? (tf.engine().runKernel(SWISH, { x }) as tf.Tensor) : tf.mul(x, tf.sigmoid(x));
    case InferenceActivation.Sigmoid:
      return tf.sigmoid(x);
    case InferenceActivation.HardSwish:
      return fusedKernelsActive()
        ? (tf.engine().runKernel(HARD_SWISH, { x }) as tf.Tensor)
        : tf.div(tf.mul(x, tf.relu6(tf.add(x, 3))), 6);
    case InferenceActivation.HardSigmoid:
      return tf.div(tf.relu6(tf.add(x, 3)), 6);
  }
}

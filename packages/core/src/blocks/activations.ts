/**
 * The activations the backbone families use, as layers with one naming rule: `<prefix>_<suffix>`, where the
 * suffix names the function (`relu` for ReLU and ReLU6 alike, as Keras and torchvision name both).
 */
import * as tf from '@tensorflow/tfjs';
import { HardSwish } from './hard-activations';

type T = tf.SymbolicTensor;

/**
 * 'relu6' is MobileNetV1/V2's clipped ReLU (Keras `ReLU(6.)`, torchvision `ReLU6`); 'swish' is EfficientNet's
 * SiLU; 'hardswish' is MobileNetV3's h-swish.
 */
export type Activation = 'relu' | 'relu6' | 'swish' | 'hardswish';

/** MobileNets clip activations at 6. */
const RELU6_MAX = 6;

/** The layer-name suffix of each activation. */
export const ACTIVATION_SUFFIX: Readonly<Record<Activation, string>> = {
  relu: 'relu',
  relu6: 'relu',
  swish: 'swish',
  hardswish: 'hswish',
};

/** Applies `kind` as one layer called `name`. */
export function activation(x: T, kind: Activation, name: string): T {
  switch (kind) {
    case 'relu':
      return tf.layers.reLU({ name }).apply(x) as T;
    case 'relu6':
      return tf.layers.reLU({ maxValue: RELU6_MAX, name }).apply(x) as T;
    case 'swish':
      return tf.layers.activation({ activation: 'swish', name }).apply(x) as T;
    case 'hardswish':
      return new HardSwish({ name }).apply(x) as T;
  }
}

/**
 * The convolution initializer of the reference implementations: He (Kaiming) initialisation over fan-out —
 * torchvision's `kaiming_normal_(mode='fan_out')` for ResNet and MobileNetV3, Keras EfficientNet's
 * `CONV_KERNEL_INITIALIZER` = VarianceScaling(2.0, 'fan_out', truncated normal).
 */
import * as tf from '@tensorflow/tfjs';

export type Initializer = ReturnType<typeof tf.initializers.varianceScaling>;

/**
 * Variance 2 / fan_out, drawn uniformly: the same variance as the references' normal draws, but tfjs's
 * normal and truncated-normal samplers are several times slower than its uniform one, and building a large
 * variant (EfficientNet-B7: 66M weights) is dominated by sampling.
 */
export function heUniformFanOut(): Initializer {
  return tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform' });
}

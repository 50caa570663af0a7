/**
 * Hard-sigmoid and hard-swish as layers (MobileNetV3 paper Sec. 5.2; torchvision `nn.Hardsigmoid`,
 * `nn.Hardswish`). tfjs has neither: its `hardSigmoid` activation is Keras' 0.2·x + 0.5, not relu6(x + 3) / 6.
 */
import * as tf from '@tensorflow/tfjs';

/** relu6(x + 3) / 6. */
export class HardSigmoid extends tf.layers.Layer {
  static readonly className = 'HardSigmoid';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.relu6(tf.add(Array.isArray(inputs) ? inputs[0] : inputs, 3)).div(6));
  }
}

/** x · relu6(x + 3) / 6. */
export class HardSwish extends tf.layers.Layer {
  static readonly className = 'HardSwish';
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return x.mul(tf.relu6(x.add(3))).div(6);
    });
  }
}

// Registered so saved model topologies load back with these layers.
tf.serialization.registerClass(HardSigmoid);
tf.serialization.registerClass(HardSwish);

// The benchmark's toy convnet: 4 blocks of 3x3 conv + BN + ReLU + depthwise 3x3 + BN + ReLU on
// 28x28x1 inputs, then global average pooling and a 10-way dense head. python/bench_torch.py builds
// the same net in PyTorch so the two frameworks time identical work.
import * as tf from '@tensorflow/tfjs';

export interface ToyBlock {
  channels: number;
  stride: 1 | 2;
}

/** Block table; must match TOY_NET_STAGES in python/bench_torch.py. */
export const TOY_NET_STAGES: readonly ToyBlock[] = [
  { channels: 32, stride: 1 },
  { channels: 32, stride: 2 },
  { channels: 64, stride: 2 },
  { channels: 64, stride: 2 },
];

export const TOY_NET_INPUT: [number, number, number] = [28, 28, 1];
export const TOY_NET_CLASSES = 10;

export function buildToyNet(
  stages: readonly ToyBlock[] = TOY_NET_STAGES,
  inputShape = TOY_NET_INPUT,
  numClasses = TOY_NET_CLASSES,
): tf.LayersModel {
  const input = tf.input({ shape: inputShape, name: 'input' });
  let x = input as tf.SymbolicTensor;
  stages.forEach(({ channels, stride }, i) => {
    const p = `block${i + 1}`;
    x = tf.layers
      .conv2d({ filters: channels, kernelSize: 3, strides: stride, padding: 'same', useBias: false, name: `${p}_conv` })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: `${p}_conv_bn` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: `${p}_conv_relu` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false, name: `${p}_dw` })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: `${p}_dw_bn` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: `${p}_dw_relu` }).apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers.globalAveragePooling2d({ name: 'head_pool' }).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: numClasses, name: 'head_logits' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: 'toy_net' });
}

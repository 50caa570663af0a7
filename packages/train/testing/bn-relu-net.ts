// A small net whose batch norms are followed by ReLU6, ReLU, and (once) by a residual add, planned for
// folding the activations into batch norm: what the folding tests compare across backends.
import * as tf from '@tensorflow/tfjs';
import { planBatchNormActivations } from '../src/wasm/fused/activation-plan';

export const BN_RELU_INPUT: [number, number, number] = [9, 7, 3];

export function buildBnReluNet(): tf.LayersModel {
  const input = tf.input({ shape: BN_RELU_INPUT });
  const conv = (x: tf.SymbolicTensor, filters: number, stride = 1) =>
    tf.layers
      .conv2d({ filters, kernelSize: 3, strides: stride, padding: 'same', useBias: false })
      .apply(x) as tf.SymbolicTensor;
  const bn = (x: tf.SymbolicTensor) => tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  let x = tf.layers.reLU({ maxValue: 6 }).apply(bn(conv(input, 8, 2))) as tf.SymbolicTensor;
  const branch = tf.layers.reLU().apply(bn(conv(x, 8))) as tf.SymbolicTensor;
  // This batch norm feeds an add: it keeps its plain output, and the ReLU after the add stays a kernel.
  x = tf.layers.reLU().apply(tf.layers.add().apply([bn(conv(branch, 8)), x]) as tf.SymbolicTensor) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  planBatchNormActivations(model);
  return model;
}

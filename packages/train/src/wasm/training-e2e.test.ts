// End to end: every trainable weight's gradient of a small conv + depthwise + batch-norm net, and of a net
// with the other activations and layers the fused kernels take over (ReLU6, swish, a sigmoid gate, max
// pooling, biased convolutions), is the same on wasm with the installed kernels as on the cpu backend
// (tf.variableGrads, batch norm in training mode); and the Tile-free batch-norm gradient equals the stock one.
import * as tf from '@tensorflow/tfjs';
import { buildToyNet } from '../bench/toy-net';
import { installWasmTrainingKernels, uninstallWasmTrainingKernels } from './install';
import { lossAndGradients, MAX_REL_ERROR, relError, valuesOn } from '../../testing/wasm';

const STAGES = [
  { channels: 6, stride: 1 },
  { channels: 8, stride: 2 },
  { channels: 8, stride: 2 },
] as const;
const INPUT: [number, number, number] = [11, 9, 2];
const BATCH = 3;

type L = tf.SymbolicTensor;

/** conv+BN+ReLU6, max pool, conv+BN+swish, a squeeze-excite-style sigmoid gate, pooled dense head. */
function buildActivationNet(): tf.LayersModel {
  const input = tf.input({ shape: INPUT });
  let x = tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', useBias: false }).apply(input) as L;
  x = tf.layers.reLU({ maxValue: 6 }).apply(tf.layers.batchNormalization().apply(x)) as L;
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(x) as L;
  x = tf.layers.conv2d({ filters: 8, kernelSize: 1, useBias: false }).apply(x) as L;
  x = tf.layers.activation({ activation: 'swish' }).apply(tf.layers.batchNormalization().apply(x)) as L;
  const gate = tf.layers
    .conv2d({ filters: 8, kernelSize: 1, activation: 'sigmoid' })
    .apply(
      tf.layers
        .conv2d({ filters: 3, kernelSize: 1, activation: 'swish' })
        .apply(tf.layers.averagePooling2d({ poolSize: [6, 5] }).apply(x)),
    ) as L;
  x = tf.layers.multiply().apply([x, gate]) as L;
  const logits = tf.layers.dense({ units: 4 }).apply(tf.layers.globalAveragePooling2d({}).apply(x)) as L;
  return tf.model({ inputs: input, outputs: logits });
}

/** [loss, ...gradients] of the net with fixed weights on the current backend. */
function netGradients(build: () => tf.LayersModel = () => buildToyNet(STAGES, INPUT, 4)): tf.Tensor[] {
  return lossAndGradients(build, INPUT, { weights: 100, images: 7 }, BATCH);
}

describe('training a conv + depthwise + batch-norm net', () => {
  afterAll(() => installWasmTrainingKernels());

  it('yields the same loss and weight gradients on wasm as on cpu', async () => {
    const cpu = await valuesOn('cpu', () => netGradients());
    const wasm = await valuesOn('wasm', () => netGradients());
    expect(wasm.length).toBe(cpu.length);
    expect(cpu.length).toBeGreaterThan(10); // loss + every conv, depthwise, BN and dense weight
    cpu.forEach((expected, i) => {
      expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0);
      expect(relError(wasm[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
    });
  });

  it('yields the same gradients on wasm as on cpu for ReLU6, swish, sigmoid gates and max pooling', async () => {
    const cpu = await valuesOn('cpu', () => netGradients(buildActivationNet));
    const wasm = await valuesOn('wasm', () => netGradients(buildActivationNet));
    expect(cpu.length).toBeGreaterThan(12);
    cpu.forEach((expected, i) => {
      expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0);
      expect(relError(wasm[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
    });
  });

  it('computes the same gradients with the Tile-free batch-norm gradient as with the stock one', async () => {
    uninstallWasmTrainingKernels();
    const stock = await valuesOn('cpu', () => netGradients());
    installWasmTrainingKernels();
    const ours = await valuesOn('cpu', () => netGradients());
    stock.forEach((expected, i) => expect(relError(ours[i], expected)).toBeLessThanOrEqual(1e-6));
  });
});

// End to end on wasm + native kernels: the loss and every trainable weight's gradient of a small
// conv + depthwise + batch-norm net (batch norm in training mode, maps down to 2x2 so the addon's direct
// depthwise loop runs too) equal the cpu backend's.
import * as tf from '@tensorflow/tfjs';
import { buildToyNet } from '../bench/toy-net';
import { MAX_REL_ERROR, relError, seeded, valuesOn } from '../../testing/wasm';
import { disableNativeKernels, enableNativeKernels } from './native-kernels';
import { addon, describeWithNative } from '../../testing/native';

const STAGES = [
  { channels: 6, stride: 1 },
  { channels: 8, stride: 2 },
  { channels: 8, stride: 2 },
  { channels: 16, stride: 2 },
] as const;
const INPUT: [number, number, number] = [13, 11, 1];
const BATCH = 3;

function netGradients(): tf.Tensor[] {
  const model = buildToyNet(STAGES, INPUT, 4);
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(seeded(w.size, 300 + i), w.shape)));
  const x = tf.tensor4d(seeded(BATCH * INPUT[0] * INPUT[1] * INPUT[2], 9), [BATCH, ...INPUT]);
  const labels = tf.oneHot(tf.tensor1d([0, 3, 1], 'int32'), 4);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor),
    vars,
  );
  const out = [value, ...vars.map((v) => grads[v.name])];
  model.dispose();
  return out;
}

describeWithNative('training a conv + depthwise + batch-norm net on wasm + native kernels', () => {
  afterAll(() => disableNativeKernels());

  it('yields the same loss and weight gradients as the cpu backend', async () => {
    const cpu = await valuesOn('cpu', netGradients);
    expect(enableNativeKernels({ env: { SCALING_LAB_THREADS: '1' } }).enabled).toBe(true);
    const before = addon().info().cachedPrimitives;
    const native = await valuesOn('wasm', netGradients);
    expect(addon().info().cachedPrimitives).toBeGreaterThan(before); // the convolutions ran in the addon
    expect(native.length).toBe(cpu.length);
    expect(cpu.length).toBeGreaterThan(10);
    cpu.forEach((expected, i) => {
      expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0);
      expect(relError(native[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
    });
  });
});

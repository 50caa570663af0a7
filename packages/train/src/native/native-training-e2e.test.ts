// End to end on wasm + native kernels: the loss and every trainable weight's gradient of a small
// conv + depthwise + batch-norm net (batch norm in training mode, maps down to 2x2 so the addon's direct
// depthwise loop runs too) equal the cpu backend's.
import * as tf from '@tensorflow/tfjs';
import { buildToyNet } from '../bench/toy-net';
import { lossAndGradients, MAX_REL_ERROR, relError, valuesOn } from '../../testing/wasm';
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
  return lossAndGradients(() => buildToyNet(STAGES, INPUT, 4), INPUT, { weights: 300, images: 9 }, BATCH);
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
  }, 60_000); // cpu gradients of a whole net: far above jest's 5 s default on a busy machine
});

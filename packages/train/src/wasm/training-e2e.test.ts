// End to end: every trainable weight's gradient of a small conv + depthwise + batch-norm net
// (tf.variableGrads, batch norm in training mode) is the same on wasm with the installed kernels as
// on the cpu backend; and the Tile-free batch-norm gradient equals the stock one.
import * as tf from '@tensorflow/tfjs';
import { buildToyNet } from '../bench/toy-net';
import { installWasmTrainingKernels, uninstallWasmTrainingKernels } from './install';
import { MAX_REL_ERROR, relError, seeded, valuesOn } from './test-support';

const STAGES = [
  { channels: 6, stride: 1 },
  { channels: 8, stride: 2 },
  { channels: 8, stride: 2 },
] as const;
const INPUT: [number, number, number] = [11, 9, 2];
const BATCH = 3;

/** Builds the net with fixed weights on the current backend and returns [loss, ...gradients]. */
function netGradients(): tf.Tensor[] {
  const model = buildToyNet(STAGES, INPUT, 4);
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(seeded(w.size, 100 + i), w.shape)));
  const x = tf.tensor4d(seeded(BATCH * INPUT[0] * INPUT[1] * INPUT[2], 7), [BATCH, ...INPUT]);
  const labels = tf.oneHot(tf.tensor1d([0, 3, 1], 'int32'), 4);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor), vars);
  const out = [value, ...vars.map((v) => grads[v.name])];
  model.dispose();
  return out;
}

describe('training a conv + depthwise + batch-norm net', () => {
  afterAll(() => installWasmTrainingKernels());

  it('yields the same loss and weight gradients on wasm as on cpu', async () => {
    const cpu = await valuesOn('cpu', netGradients);
    const wasm = await valuesOn('wasm', netGradients);
    expect(wasm.length).toBe(cpu.length);
    expect(cpu.length).toBeGreaterThan(10); // loss + every conv, depthwise, BN and dense weight
    cpu.forEach((expected, i) => {
      expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0);
      expect(relError(wasm[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
    });
  });

  it('computes the same gradients with the Tile-free batch-norm gradient as with the stock one', async () => {
    uninstallWasmTrainingKernels();
    const stock = await valuesOn('cpu', netGradients);
    installWasmTrainingKernels();
    const ours = await valuesOn('cpu', netGradients);
    stock.forEach((expected, i) => expect(relError(ours[i], expected)).toBeLessThanOrEqual(1e-6));
  });
});

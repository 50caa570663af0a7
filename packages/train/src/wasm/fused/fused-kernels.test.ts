// Every fused kernel against the unfused computation on the cpu backend: forward values and gradients
// (≤1e-4 relative), plus a check on wasm that the fused kernel is what actually ran, so a hook that
// silently stopped firing fails here rather than passing on the stock path.
import * as tf from '@tensorflow/tfjs';
import { MAX_REL_ERROR, relError, seeded, useWasm, valuesOn } from '../../../testing/wasm';
import {
  activationCases,
  batchNormTrainingOutputs,
  FUSED_SHAPE,
  fusedInput as input,
  valueAndGrads,
} from '../../../testing/fused-cases';
import { HARD_SWISH, HARD_SWISH_GRAD } from './activations';

async function expectSameOnWasmAsCpu(make: () => tf.Tensor[]): Promise<void> {
  const cpu = await valuesOn('cpu', make);
  const wasm = await valuesOn('wasm', make);
  expect(wasm).toHaveLength(cpu.length);
  cpu.forEach((expected, i) => {
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0);
    expect(relError(wasm[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
  });
}

/** Names of the kernels `fn` runs on wasm, in order. */
async function kernelsOnWasm(fn: () => tf.Tensor[]): Promise<string[]> {
  await useWasm();
  const info = await tf.profile(() => {
    const out = fn();
    tf.dispose(out);
  });
  return info.kernels.map((k) => k.name);
}

describe('activation gradients (one kernel each on wasm)', () => {
  const cases = activationCases();

  it.each(cases)('%s: value and gradient equal the cpu backend', async (_label, fn) => {
    // Scale 8 puts inputs on both sides of 0 and 6 so every branch of each rule is exercised.
    await expectSameOnWasmAsCpu(valueAndGrads(fn, () => [input(1, 8)]));
  });

  it.each(cases)('%s: the gradient is one fused kernel on wasm', async (_label, fn, gradKernel) => {
    const names = await kernelsOnWasm(valueAndGrads(fn, () => [input(1, 8)]));
    expect(names.filter((n) => n === gradKernel)).toHaveLength(1);
    expect(names).not.toContain('Step');
    expect(names).not.toContain('Select');
  });

  it('hard-swish: x·relu6(x+3)/6 and its gradient equal the same ops on the cpu backend', async () => {
    const stock = (x: tf.Tensor) => x.mul(tf.relu6(x.add(3))).div(6);
    const cpu = await valuesOn(
      'cpu',
      valueAndGrads(stock, () => [input(2, 5)]),
    );
    await useWasm();
    const wasm = tf.tidy(() => {
      const x = input(2, 5);
      const y = tf.engine().runKernel(HARD_SWISH, { x }) as tf.Tensor;
      const w = tf.tensor(seeded(y.size, 99), y.shape);
      const dx = tf.engine().runKernel(HARD_SWISH_GRAD, { dy: w, x }) as tf.Tensor;
      return [y.dataSync(), dx.dataSync()] as Float32Array[];
    });
    expect(relError(wasm[0], cpu[0])).toBeLessThanOrEqual(MAX_REL_ERROR);
    expect(relError(wasm[1], cpu[1])).toBeLessThanOrEqual(MAX_REL_ERROR);
  });
});

describe('batch norm in training mode', () => {
  it('forward, moving statistics and dx, dgamma, dbeta equal the stock computation on cpu', async () => {
    await expectSameOnWasmAsCpu(batchNormTrainingOutputs);
  });

  it('runs as one forward and one backward kernel on wasm', async () => {
    const names = await kernelsOnWasm(() => {
      const layer = tf.layers.batchNormalization();
      const x = input();
      const dx = tf.grad((xx: tf.Tensor) => tf.sum(layer.apply(xx, { training: true }) as tf.Tensor))(x);
      layer.weights.forEach((w) => w.dispose());
      return [dx];
    });
    expect(names.filter((n) => n === 'ScalingLabBatchNormTraining')).toHaveLength(1);
    expect(names.filter((n) => n === 'ScalingLabBatchNormTrainingGrad')).toHaveLength(1);
    expect(names).not.toContain('FusedBatchNorm');
    expect(names).not.toContain('Square');
  });
});

describe('conv2d layer gradients', () => {
  function convGrads(withInputGradient: boolean): tf.Tensor[] {
    const layer = tf.layers.conv2d({ filters: 5, kernelSize: 3, strides: 2, padding: 'same', useBias: true });
    layer.build(FUSED_SHAPE);
    layer.setWeights([tf.tensor4d(seeded(3 * 3 * 6 * 5, 11), [3, 3, 6, 5]), tf.tensor1d(seeded(5, 12))]);
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const x = tf.variable(input(13));
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.square(layer.apply(x) as tf.Tensor)),
      withInputGradient ? [...vars, x] : vars,
    );
    const out = [value, ...vars.map((v) => grads[v.name]), ...(withInputGradient ? [grads[x.name]] : [])];
    layer.weights.forEach((w) => w.dispose());
    x.dispose();
    return out;
  }

  it('filter, bias and input gradients equal the cpu backend', async () => {
    await expectSameOnWasmAsCpu(() => convGrads(true));
  });

  it('computes the input gradient only when something needs it', async () => {
    const withoutDx = await kernelsOnWasm(() => convGrads(false));
    const withDx = await kernelsOnWasm(() => convGrads(true));
    expect(withoutDx).toContain('Conv2DBackpropFilter');
    expect(withoutDx).not.toContain('Conv2DBackpropInput');
    expect(withDx).toContain('Conv2DBackpropInput');
  });
});

// Every fused kernel against the unfused computation on the cpu backend: forward values and gradients
// (≤1e-4 relative), plus a check on wasm that the fused kernel is what actually ran, so a hook that
// silently stopped firing fails here rather than passing on the stock path.
import * as tf from '@tensorflow/tfjs';
import { MAX_REL_ERROR, relError, seeded, useWasm, valuesOn } from '../../../testing/wasm';
import { HARD_SWISH, HARD_SWISH_GRAD } from './activations';

const SHAPE: [number, number, number, number] = [3, 5, 4, 6];
const input = (seed = 1, scale = 4) =>
  tf.tensor4d(
    seeded(3 * 5 * 4 * 6, seed).map((v) => v * scale),
    SHAPE,
  );

/** Values of fn's output and of the gradients of sum(output · weights) with respect to each input. */
function valueAndGrads(fn: (...xs: tf.Tensor[]) => tf.Tensor, inputs: () => tf.Tensor[]): () => tf.Tensor[] {
  return () => {
    const xs = inputs();
    const y = fn(...xs);
    const w = tf.tensor(seeded(y.size, 99), y.shape);
    const grads = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(fn(...a), w)))(xs);
    return [y, ...grads];
  };
}

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
  const relu6Layer = () => tf.layers.reLU({ maxValue: 6 });
  const swishLayer = () => tf.layers.activation({ activation: 'swish' });
  const cases: Array<[string, (x: tf.Tensor) => tf.Tensor, string]> = [
    ['relu', (x) => tf.relu(x), 'ScalingLabReluGrad'],
    ['relu6', (x) => tf.relu6(x), 'ScalingLabRelu6Grad'],
    ['Keras ReLU(max_value=6)', (x) => relu6Layer().apply(x) as tf.Tensor, 'ScalingLabRelu6Grad'],
    ['clipByValue', (x) => tf.clipByValue(x, -1.5, 2), 'ScalingLabClipGrad'],
    ['sigmoid', (x) => tf.sigmoid(x), 'ScalingLabSigmoidGrad'],
    ['swish activation', (x) => swishLayer().apply(x) as tf.Tensor, 'ScalingLabSwishGrad'],
  ];

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
  /** A BN layer with non-trivial gamma, beta and moving statistics, applied once in training mode. */
  function bnTraining(): tf.Tensor[] {
    const layer = tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-3 });
    layer.build(SHAPE);
    layer.setWeights([
      tf.tensor1d(seeded(6, 3).map((v) => 1 + v)),
      tf.tensor1d(seeded(6, 4)),
      tf.tensor1d(seeded(6, 5)),
      tf.tensor1d(seeded(6, 6).map((v) => 1.5 + v)),
    ]);
    const [gamma, beta] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const x = input(7, 3).add(2); // a non-zero mean exercises the centring
    const w = tf.tensor(seeded(x.size, 99), x.shape);
    const f = (xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx, { training: true }) as tf.Tensor, w));
    const { grads } = tf.variableGrads(() => f(x) as tf.Scalar, [gamma, beta]);
    const dx = tf.grad(f)(x);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    // Three training calls so far: the moving statistics have been updated three times.
    const [movingMean, movingVariance] = layer.getWeights().slice(2);
    const out = [y, dx, grads[gamma.name], grads[beta.name], movingMean.clone(), movingVariance.clone()];
    layer.weights.forEach((w) => w.dispose());
    return out;
  }

  it('forward, moving statistics and dx, dgamma, dbeta equal the stock computation on cpu', async () => {
    await expectSameOnWasmAsCpu(bnTraining);
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
    layer.build(SHAPE);
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

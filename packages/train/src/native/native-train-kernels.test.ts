// The addon's training kernels on the wasm heap against the cpu backend's stock computation (≤1e-4
// relative): batch norm in training mode (forward, moving statistics, dx, dgamma, dbeta), every activation
// gradient, the three optimizers over several steps, and max pool's gradient (ties included). A counting
// wrapper around the addon proves each result came from the addon, not from the wasm fallback; larger
// inputs check that the parallel reductions give the same bits on 1 and 2 threads.
import * as tf from '@tensorflow/tfjs';
import type { NativeAddon } from '@scaling-lab/native';
import { activationCases, batchNormTrainingOutputs, fusedInput, valueAndGrads } from '../../testing/fused-cases';
import { BN_RELU_INPUT, buildBnReluNet } from '../../testing/bn-relu-net';
import { addon, describeWithNative } from '../../testing/native';
import { lossAndGradients, MAX_REL_ERROR, relError, seeded, valuesOn } from '../../testing/wasm';
import { makeOptimizer, OPTIMIZER_KINDS, type OptimizerKind } from '../trainer/optimizers';
import { disableNativeKernels, enableNativeKernels, setNativeThreads } from './native-kernels';

type Method = 'batchNormForward' | 'batchNormBackward' | 'activationGrad' | 'optimizerUpdate' | 'maxPoolGrad';
const calls = new Map<Method, number>();
/** batchNormBackward calls that folded an activation in (were given the forward's output y). */
let foldedBackward = 0;

/** The real addon with its training entry points counted. */
function countingAddon(): NativeAddon {
  const real = addon();
  const wrapped: NativeAddon = Object.create(real);
  for (const name of [
    'batchNormForward',
    'batchNormBackward',
    'activationGrad',
    'optimizerUpdate',
    'maxPoolGrad',
  ] as Method[]) {
    const fn = real[name] as (...a: unknown[]) => void;
    (wrapped as unknown as Record<Method, (...a: unknown[]) => void>)[name] = (...a: unknown[]) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      if (name === 'batchNormBackward' && a[3] != null) foldedBackward++;
      fn.apply(real, a);
    };
  }
  return wrapped;
}

/** Values on cpu and on wasm + native, and how often each addon entry point ran for the latter. */
async function cpuAndNative(make: () => tf.Tensor[]): Promise<{ cpu: Float32Array[]; native: Float32Array[] }> {
  const cpu = await valuesOn('cpu', make);
  calls.clear();
  const native = await valuesOn('wasm', make);
  expect(native).toHaveLength(cpu.length);
  return { cpu, native };
}

function expectClose(native: Float32Array[], cpu: Float32Array[]): void {
  cpu.forEach((expected, i) => {
    expect(expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0);
    expect(relError(native[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
  });
}

function sameBits(a: Float32Array[], b: Float32Array[]): boolean {
  return a.length === b.length && a.every((x, i) => Buffer.from(x.buffer).equals(Buffer.from(b[i].buffer)));
}

describeWithNative('native training kernels match the cpu backend', () => {
  beforeAll(async () => {
    await valuesOn('wasm', () => []);
    const status = enableNativeKernels({
      env: { SCALING_LAB_THREADS: '1' },
      loadAddon: () => ({ ok: true, addon: countingAddon() }),
    });
    expect(status.enabled).toBe(true);
  });
  afterAll(() => disableNativeKernels());

  it('batch norm training: forward, moving statistics, dx, dgamma and dbeta', async () => {
    const { cpu, native } = await cpuAndNative(() => batchNormTrainingOutputs());
    expectClose(native, cpu);
    expect(calls.get('batchNormForward')).toBe(3);
    expect(calls.get('batchNormBackward')).toBe(2);
  });

  it('batch norm training on a large, offset input (many reduction chunks)', async () => {
    // 32 x 12 x 12 rows of 24 channels, mean 5: the chunked two-pass moments must stay accurate.
    const make = () => batchNormTrainingOutputs(fusedInput(17, 2, [32, 12, 12, 24]).add(5));
    const { cpu, native } = await cpuAndNative(make);
    expectClose(native, cpu);
  });

  it('batch norm with the following ReLU or ReLU6 folded in: loss and weight gradients of a net', async () => {
    const make = () => lossAndGradients(buildBnReluNet, BN_RELU_INPUT, { weights: 500, images: 17 }, 4);
    foldedBackward = 0;
    const { cpu, native } = await cpuAndNative(make);
    expectClose(native, cpu);
    expect(foldedBackward).toBe(2);
  });

  it.each(activationCases())('%s: the gradient', async (_label, fn) => {
    const { cpu, native } = await cpuAndNative(valueAndGrads(fn, () => [fusedInput(1, 8)]));
    expectClose(native, cpu);
    expect(calls.get('activationGrad')).toBe(1);
  });

  it.each(OPTIMIZER_KINDS)('%s: three steps on three variables, weights and slots', async (kind) => {
    const steps = (k: OptimizerKind) => async () => {
      const shapes = [[3, 3, 2, 4], [4], [7]];
      const vars = shapes.map((s, i) => tf.variable(fusedInput(20 + i, 1, s)));
      const optimizer = makeOptimizer(k, 0.05);
      for (let step = 0; step < 3; step++)
        tf.tidy(() =>
          optimizer.applyGradients(
            vars.map((v, i) => ({ name: v.name, tensor: fusedInput(100 * step + i, 1, v.shape) })),
          ),
        );
      const slots = (await optimizer.getWeights()).slice(1).map((s) => s.tensor.dataSync() as Float32Array);
      const out = [...vars.map((v) => v.dataSync() as Float32Array), ...slots];
      optimizer.dispose();
      tf.dispose(vars);
      return out;
    };
    await valuesOn('cpu', () => []);
    const cpu = await steps(kind)();
    await valuesOn('wasm', () => []);
    calls.clear();
    const native = await steps(kind)();
    expect(native).toHaveLength(cpu.length);
    expect(cpu.length).toBeGreaterThanOrEqual(6);
    cpu.forEach((expected, i) => expect(relError(native[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR));
    expect(calls.get('optimizerUpdate')).toBe(3);
  });

  it.each([
    ['3x3 stride 2 same', 3, 2, 'same'],
    ['2x2 stride 2 valid', 2, 2, 'valid'],
    ['3x3 stride 1 same', 3, 1, 'same'],
  ] as const)('max pool gradient %s, with ties', async (_label, size, stride, pad) => {
    // Values rounded to quarters: windows hold equal maxima, and the first one must receive dy.
    const make = () => {
      const x = tf.tensor4d(
        seeded(2 * 9 * 7 * 5, 31).map((v) => Math.round(4 * v) / 4),
        [2, 9, 7, 5],
      );
      return valueAndGrads(
        (a) => tf.maxPool(a as tf.Tensor4D, size, stride, pad),
        () => [x],
      )();
    };
    const { cpu, native } = await cpuAndNative(make);
    expectClose(native, cpu);
    expect(calls.get('maxPoolGrad')).toBe(1);
  });

  it('batch norm and activation gradients give the same bits on 1 and 2 threads', async () => {
    const make = () => {
      const outs = batchNormTrainingOutputs(fusedInput(41, 3, [32, 16, 16, 8]).add(1));
      return [
        ...outs,
        ...valueAndGrads(
          (x) => tf.relu(x),
          () => [outs[0]],
        )(),
      ];
    };
    const one = await valuesOn('wasm', make);
    expect(setNativeThreads(2).threads).toBe(2);
    const two = await valuesOn('wasm', make);
    expect(setNativeThreads(1).threads).toBe(1);
    expect(sameBits(one, two)).toBe(true);
  });

  it('rejects buffers that do not fit instead of writing past them', () => {
    const c = new Float32Array(4);
    expect(() =>
      addon().batchNormForward(0, 1e-3, 0.9, new Float32Array(10), c, c, c, c, new Float32Array(10), c, c, c, c),
    ).toThrow("x's length 10 is not a multiple of the channel count 4");
    expect(() =>
      addon().batchNormBackward(
        0,
        1e-3,
        new Float32Array(7),
        null,
        new Float32Array(8),
        c,
        c,
        c,
        new Float32Array(8),
        c,
        c,
      ),
    ).toThrow('dy has 7 elements, the geometry needs 8');
    const heap = new ArrayBuffer(64);
    const offsets = Float64Array.from([0, 16, 32, 48, 64, 0, 0]); // the gradient's 4 floats would pass the end
    expect(() =>
      addon().optimizerUpdate(
        0,
        new Float64Array(6),
        heap,
        offsets.map((o, i) => (i === 1 ? 56 : o)),
        Float64Array.of(4),
      ),
    ).toThrow(/variable 0: byte offset 56\.?0* with 4 floats lies outside the heap/);
  });
});

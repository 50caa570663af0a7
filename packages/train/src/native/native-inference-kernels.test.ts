// The addon's inference convolution (one kernel: conv + bias + residual + activation) against the same
// computation from separate ops on the cpu backend, for every activation, plain and depthwise (multiplier 1
// and 2), strides 1/2, same/valid padding; then whole inference plans on wasm+native against the models
// run as they are, with the native kernel shown to run; and the addon's refusals of bad arguments.
import * as tf from '@tensorflow/tfjs';
import { InferenceActivation } from '@scaling-lab/native';
import { MAX_REL_ERROR, relError, seeded, useWasm } from '../../testing/wasm';
import { addon, describeWithNative } from '../../testing/native';
import { planVersusModel, randomizeBatchNorms } from '../../testing/inference';
import { buildToyNet } from '../bench/toy-net';
import { compileInference } from '../inference/compile-inference';
import { nativeGeometry } from './conv-geometry';
import { disableNativeKernels, enableNativeKernels, setNativeThreads } from './native-kernels';
import { CHANNEL_SCALE, GLOBAL_AVG_POOL, INFERENCE_CONV } from './native-inference-kernels';

interface Case {
  depthwise: boolean;
  /** Output channels (plain) or channel multiplier (depthwise). */
  out: number;
  k: number;
  stride: number;
  pad: 'same' | 'valid';
  residual: boolean;
  activation: InferenceActivation;
}

const ACTIVATIONS = Object.values(InferenceActivation).filter((v): v is InferenceActivation => typeof v === 'number');

const cases: Case[] = [];
for (const activation of ACTIVATIONS)
  for (const residual of [false, true]) {
    cases.push({ depthwise: false, out: 6, k: 3, stride: 1, pad: 'same', residual, activation });
    cases.push({ depthwise: false, out: 5, k: 1, stride: 2, pad: 'valid', residual, activation });
    cases.push({ depthwise: true, out: 1, k: 3, stride: 2, pad: 'same', residual, activation });
    cases.push({ depthwise: true, out: 2, k: 5, stride: 1, pad: 'valid', residual, activation });
  }

const IN: readonly number[] = [3, 9, 8, 4];

/** The reference activation, written out from its definition. */
function reference(y: tf.Tensor, act: InferenceActivation): tf.Tensor {
  const relu6 = (t: tf.Tensor) => tf.clipByValue(t, 0, 6);
  switch (act) {
    case InferenceActivation.Linear:
      return y;
    case InferenceActivation.Relu:
      return tf.maximum(y, 0);
    case InferenceActivation.Relu6:
      return relu6(y);
    case InferenceActivation.Swish:
      return tf.mul(y, tf.sigmoid(y));
    case InferenceActivation.Sigmoid:
      return tf.sigmoid(y);
    case InferenceActivation.HardSwish:
      return tf.div(tf.mul(y, relu6(tf.add(y, 3))), 6);
    case InferenceActivation.HardSigmoid:
      return tf.div(relu6(tf.add(y, 3)), 6);
  }
}

function tensors(c: Case, seed: number) {
  const filterShape = c.depthwise ? [c.k, c.k, IN[3], c.out] : [c.k, c.k, IN[3], c.out];
  const co = c.depthwise ? IN[3] * c.out : c.out;
  const x = tf.tensor4d(
    seeded(
      IN.reduce((a, b) => a * b),
      seed,
    ),
    [IN[0], IN[1], IN[2], IN[3]],
  );
  // Scaled up so the activations' interesting ranges (0, 6, ±3) are all reached.
  const filter = tf.mul(
    tf.tensor4d(
      seeded(
        filterShape.reduce((a, b) => a * b),
        seed + 1,
      ),
      filterShape as never,
    ),
    3,
  );
  const bias = tf.tensor1d(seeded(co, seed + 2));
  return { x, filter: filter as tf.Tensor4D, bias };
}

function viaOps(c: Case, seed: number): Float32Array {
  return tf.tidy(() => {
    const { x, filter, bias } = tensors(c, seed);
    let y: tf.Tensor = c.depthwise
      ? tf.depthwiseConv2d(x, filter, c.stride, c.pad)
      : tf.conv2d(x, filter, c.stride, c.pad);
    y = tf.add(y, bias);
    if (c.residual) y = tf.add(y, tf.mul(tf.tensor(seeded(y.size, seed + 3), y.shape), 4));
    return reference(y, c.activation).dataSync() as Float32Array;
  });
}

function viaKernel(c: Case, seed: number): Float32Array {
  return tf.tidy(() => {
    const { x, filter, bias } = tensors(c, seed);
    const geometry = nativeGeometry([...IN], filter.shape, { strides: c.stride, pad: c.pad }, c.depthwise)!;
    const outShape = [IN[0], geometry[4], geometry[5], geometry[6]];
    const inputs: tf.NamedTensorMap = { x, filter, bias };
    if (c.residual)
      inputs.residual = tf.mul(
        tf.tensor(
          seeded(
            outShape.reduce((a, b) => a * b),
            seed + 3,
          ),
          outShape,
        ),
        4,
      );
    const attrs = { strides: c.stride, pad: c.pad, depthwise: c.depthwise, activation: c.activation };
    return (tf.engine().runKernel(INFERENCE_CONV, inputs, attrs as never) as tf.Tensor).dataSync() as Float32Array;
  });
}

const label = (c: Case) =>
  `${c.depthwise ? `depthwise x${c.out}` : `conv ${c.out}`} k${c.k} s${c.stride} ${c.pad} ` +
  `${InferenceActivation[c.activation]}${c.residual ? ' + residual' : ''}`;

describeWithNative('native inference convolution', () => {
  beforeAll(async () => {
    await useWasm();
    expect(enableNativeKernels({ env: { SCALING_LAB_THREADS: '1' } }).enabled).toBe(true);
  });
  afterAll(() => disableNativeKernels());

  it.each(cases.map((c, i) => [label(c), c, i] as const))('%s matches separate ops on cpu', async (_l, c, i) => {
    await tf.setBackend('cpu');
    const expected = viaOps(c, 10 * i);
    await useWasm();
    const actual = viaKernel(c, 10 * i);
    expect(expected.some((v) => v !== 0)).toBe(true);
    expect(relError(actual, expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
  });

  it('whole plans match the models run as they are, on the native kernel', async () => {
    await useWasm();
    const model = buildToyNet(
      [
        { channels: 16, stride: 2 },
        { channels: 24, stride: 2 },
      ],
      [12, 12, 3],
      5,
    );
    randomizeBatchNorms(model, 5);
    const { plan, error } = planVersusModel(model, 4);
    expect(error).toBeLessThan(MAX_REL_ERROR);
    expect(plan).toMatchObject({ convBlocks: 4, foldedBatchNorms: 4 });
    const compiled = compileInference(model);
    const x = tf.zeros([2, 12, 12, 3]);
    const profile = await tf.profile(() => compiled.predict(x));
    const kernels = profile.kernels.map((k) => k.name);
    expect(kernels.filter((k) => k === INFERENCE_CONV)).toHaveLength(4);
    expect(kernels).not.toContain('FusedBatchNorm');
    tf.dispose([x, profile.result as tf.Tensor]);
    compiled.dispose();
    model.dispose();
  });

  it('without the native kernels the plan composes stock kernels and gives the same values', async () => {
    await useWasm();
    const model = buildToyNet([{ channels: 8, stride: 1 }], [6, 6, 2], 3);
    randomizeBatchNorms(model, 6);
    const withNative = planVersusModel(model, 2);
    disableNativeKernels();
    try {
      const compiled = compileInference(model);
      const x = tf.tensor4d(seeded(2 * 36 * 2, 3), [2, 6, 6, 2]);
      const profile = await tf.profile(() => compiled.predict(x));
      expect(profile.kernels.map((k) => k.name)).not.toContain(INFERENCE_CONV);
      const values = (profile.result as tf.Tensor).dataSync();
      expect(relError(values, withNative.expected)).toBeLessThan(MAX_REL_ERROR);
      tf.dispose([x, profile.result as tf.Tensor]);
      compiled.dispose();
    } finally {
      expect(enableNativeKernels({ env: { SCALING_LAB_THREADS: '1' } }).enabled).toBe(true);
    }
    model.dispose();
  });

  it.each([
    [1, 1, 3],
    [3, 5, 7],
    [2, 16, 48],
  ])('squeeze-excite pooling and channel scaling of %ix%ix%i match tf.mean and tf.mul on cpu', async (hw, n, c) => {
    const ops = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(seeded(n * hw * hw * c, hw + c), [n, hw, hw, c]);
        const s = tf.tensor4d(seeded(n * c, n), [n, 1, 1, c]);
        const native = tf.getBackend() === 'wasm';
        const pooled = native ? tf.engine().runKernel(GLOBAL_AVG_POOL, { x }) : tf.mean(x, [1, 2]);
        const scaled = native ? tf.engine().runKernel(CHANNEL_SCALE, { x, s }) : tf.mul(x, s);
        return [pooled, scaled].map((t) => (t as tf.Tensor).dataSync() as Float32Array);
      });
    await tf.setBackend('cpu');
    const expected = ops();
    await useWasm();
    const actual = ops();
    expected.forEach((e, i) => expect(relError(actual[i], e)).toBeLessThanOrEqual(MAX_REL_ERROR));
  });

  it('follows a change of thread count (a widened last run) with the same values', async () => {
    await useWasm();
    const c: Case = {
      depthwise: false,
      out: 24,
      k: 3,
      stride: 1,
      pad: 'same',
      residual: true,
      activation: InferenceActivation.Relu,
    };
    const one = viaKernel(c, 77);
    expect(setNativeThreads(2).threads).toBe(2);
    try {
      expect(relError(viaKernel(c, 77), one)).toBeLessThanOrEqual(1e-6);
    } finally {
      expect(setNativeThreads(1).threads).toBe(1);
    }
  });

  it('refuses an unknown activation and a residual of the wrong length, naming them', () => {
    const g = nativeGeometry([1, 4, 4, 2], [1, 1, 2, 3], { strides: 1, pad: 'valid' }, false)!;
    const x = new Float32Array(32);
    const w = new Float32Array(6);
    const y = new Float32Array(48);
    expect(() => addon().convInference(g, 7 as InferenceActivation, x, w, null, null, y)).toThrow(
      /activation must be 0 \(linear\), .* got 7/,
    );
    expect(() => addon().convInference(g, InferenceActivation.Relu, x, w, null, new Float32Array(47), y)).toThrow(
      'residual has 47 elements, the geometry needs 48',
    );
    expect(addon().inferenceImplementation(g, InferenceActivation.Swish, true, true)).toMatch(/\S/);
    expect(() => addon().globalAveragePool(2, 4, 3, new Float32Array(24), new Float32Array(5))).toThrow(
      'y has 5 elements, the geometry needs 6',
    );
    expect(() => addon().channelScale(0, 4, 3, x, x, x)).toThrow('n must be a whole number >= 1, got 0');
  });
});

// The oneDNN kernels on the wasm heap against the cpu backend's kernels, one kernel at a time: Conv2D,
// FusedConv2D (bias, ReLU, ReLU6), both Conv2D gradients and the three depthwise kernels, over strides 1/2,
// kernels 1/3/5, same/valid padding, odd sizes, batch 1 and 3, one and several channels. Also checks
// that the addon really ran (its primitive cache grows) and which cases take the addon's direct loops.
import * as tf from '@tensorflow/tfjs';
import { ConvActivation, ConvPass } from '@scaling-lab/native';
import { MAX_REL_ERROR, relError, seeded, useWasm } from '../../testing/wasm';
import { nativeGeometry } from './conv-geometry';
import { disableNativeKernels, enableNativeKernels, setNativeThreads } from './native-kernels';
import { addon, describeWithNative } from '../../testing/native';

interface Case {
  k: number;
  stride: number;
  pad: 'same' | 'valid';
  batch: number;
  h: number;
  w: number;
  ci: number;
  /** Output channels (plain) or channel multiplier (depthwise). */
  co: number;
}

const cases: Case[] = [];
for (const k of [1, 3, 5])
  for (const stride of [1, 2])
    for (const pad of ['same', 'valid'] as const) {
      cases.push({ k, stride, pad, batch: 1, h: 7, w: 9, ci: 1, co: 5 });
      cases.push({ k, stride, pad, batch: 3, h: 11, w: 11, ci: 6, co: 8 });
    }
// Output maps of 2x2 and 1x2: the depthwise filter gradient takes the addon's direct loop.
cases.push({ k: 3, stride: 2, pad: 'same', batch: 3, h: 3, w: 4, ci: 6, co: 8 });
cases.push({ k: 5, stride: 1, pad: 'valid', batch: 3, h: 5, w: 6, ci: 6, co: 8 });

type Run = (name: string, inputs: tf.NamedTensorMap, attrs: object) => tf.Tensor;
const runKernel: Run = (name, inputs, attrs) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;

/** Forward, input gradient and filter gradient of one case on the current backend, as plain arrays. */
function convKernels(c: Case, depthwise: boolean, seed: number): Float32Array[] {
  return tf.tidy(() => {
    const filterShape = depthwise ? [c.k, c.k, c.ci, 1] : [c.k, c.k, c.ci, c.co];
    const x = tf.tensor4d(seeded(c.batch * c.h * c.w * c.ci, seed), [c.batch, c.h, c.w, c.ci]);
    const f = tf.tensor(
      seeded(
        filterShape.reduce((a, b) => a * b),
        seed + 1,
      ),
      filterShape,
    );
    const common = { strides: c.stride, pad: c.pad, dimRoundingMode: undefined };
    const outs: tf.Tensor[] = [];
    if (depthwise) {
      const attrs = { ...common, dilations: 1, dataFormat: 'NHWC' };
      const y = runKernel(tf.DepthwiseConv2dNative, { x, filter: f }, attrs);
      const dy = tf.tensor(seeded(y.size, seed + 2), y.shape);
      outs.push(
        y,
        runKernel(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter: f }, { ...attrs, inputShape: x.shape }),
      );
      outs.push(runKernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...attrs, filterShape }));
    } else {
      const attrs = { ...common, dataFormat: 'NHWC' };
      const y = runKernel(tf.Conv2D, { x, filter: f }, { ...attrs, dilations: 1 });
      const dy = tf.tensor(seeded(y.size, seed + 2), y.shape);
      outs.push(y, runKernel(tf.Conv2DBackpropInput, { dy, filter: f }, { ...attrs, inputShape: x.shape }));
      outs.push(runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs, filterShape }));
    }
    return outs.map((t) => t.dataSync() as Float32Array);
  });
}

async function on(backend: 'cpu' | 'wasm', fn: () => Float32Array[]): Promise<Float32Array[]> {
  if (backend === 'wasm') {
    await useWasm();
  } else {
    await tf.setBackend('cpu');
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false; // no tfjs-node banner
  }
  return fn();
}

const label = (c: Case) => `k${c.k} s${c.stride} ${c.pad} n${c.batch} ${c.h}x${c.w} ci${c.ci}`;

describeWithNative('native convolution kernels match the cpu backend', () => {
  beforeAll(async () => {
    await useWasm();
    const status = enableNativeKernels({ env: { SCALING_LAB_THREADS: '1' } });
    expect(status.enabled).toBe(true);
  });
  afterAll(() => disableNativeKernels());

  it.each(cases.map((c, i) => [label(c), c, i] as const))('conv2d %s', async (_l, c, i) => {
    const cpu = await on('cpu', () => convKernels(c, false, i));
    const native = await on('wasm', () => convKernels(c, false, i));
    cpu.forEach((expected, j) => expect(relError(native[j], expected)).toBeLessThanOrEqual(MAX_REL_ERROR));
  });

  it.each(cases.map((c, i) => [label(c), c, i] as const))('depthwise %s', async (_l, c, i) => {
    const cpu = await on('cpu', () => convKernels(c, true, 100 + i));
    const native = await on('wasm', () => convKernels(c, true, 100 + i));
    cpu.forEach((expected, j) => expect(relError(native[j], expected)).toBeLessThanOrEqual(MAX_REL_ERROR));
  });

  it('runs new shapes through new oneDNN primitives (the kernels are really native)', async () => {
    await useWasm();
    const before = addon().info().cachedPrimitives;
    convKernels({ k: 3, stride: 1, pad: 'same', batch: 2, h: 13, w: 5, ci: 4, co: 7 }, false, 7);
    expect(addon().info().cachedPrimitives).toBe(before + 3);
    convKernels({ k: 3, stride: 1, pad: 'same', batch: 2, h: 13, w: 5, ci: 4, co: 7 }, false, 8);
    expect(addon().info().cachedPrimitives).toBe(before + 3); // same shapes: cached
  });

  it('enable replaces the wasm kernels and disable puts them back', async () => {
    await useWasm();
    const native = tf.getKernel(tf.Conv2D, 'wasm')!.kernelFunc;
    disableNativeKernels();
    const plain = tf.getKernel(tf.Conv2D, 'wasm')!.kernelFunc;
    expect(plain).not.toBe(native);
    expect(enableNativeKernels({ env: { SCALING_LAB_THREADS: '1' } }).enabled).toBe(true);
    expect(tf.getKernel(tf.Conv2D, 'wasm')!.kernelFunc).not.toBe(plain);
  });

  it('changes the thread count mid-run, rebuilding the cached primitives, with bit-identical results', async () => {
    // Bit-identical for any thread count: a run's result must not depend on how many threads it got.
    const c = { k: 3, stride: 1, pad: 'same', batch: 16, h: 12, w: 12, ci: 32, co: 48 } as const;
    const one = await on('wasm', () => convKernels(c, false, 9));
    expect(addon().info().cachedPrimitives).toBeGreaterThan(0);
    expect(setNativeThreads(2)).toMatchObject({
      enabled: true,
      threads: 2,
      reason: expect.stringMatching(/, 2 threads$/),
    });
    expect(addon().info().cachedPrimitives).toBe(0);
    const two = await on('wasm', () => convKernels(c, false, 9));
    one.forEach((expected, j) => expect(Buffer.from(two[j].buffer).equals(Buffer.from(expected.buffer))).toBe(true));
    expect(setNativeThreads(1).threads).toBe(1);
  });

  it('runs 1x1 stride-1 convolutions as matrix products, the same bits on 1 and 2 threads', async () => {
    // 2 x 15 x 20 = 600 rows (three row blocks) and 80 output channels (two column blocks of the filter gradient).
    const c = { k: 1, stride: 1, pad: 'same', batch: 2, h: 15, w: 20, ci: 24, co: 80 } as const;
    const g = nativeGeometry([c.batch, c.h, c.w, c.ci], [1, 1, c.ci, c.co], { strides: 1, pad: 'same' }, false)!;
    for (const pass of [ConvPass.Forward, ConvPass.BackwardData, ConvPass.BackwardWeights])
      expect(addon().implementation(pass, g, ConvActivation.Linear, false)).toBe('gemm:1x1');
    const strided = nativeGeometry([2, 8, 8, 24], [1, 1, 24, 80], { strides: 2, pad: 'same' }, false)!;
    expect(addon().implementation(ConvPass.Forward, strided, ConvActivation.Linear, false)).not.toBe('gemm:1x1');
    const cpu = await on('cpu', () => convKernels(c, false, 21));
    const one = await on('wasm', () => convKernels(c, false, 21));
    cpu.forEach((expected, j) => expect(relError(one[j], expected)).toBeLessThanOrEqual(MAX_REL_ERROR));
    expect(setNativeThreads(2).threads).toBe(2);
    const two = await on('wasm', () => convKernels(c, false, 21));
    expect(setNativeThreads(1).threads).toBe(1);
    one.forEach((expected, j) => expect(Buffer.from(two[j].buffer).equals(Buffer.from(expected.buffer))).toBe(true));
  });

  it('gives non-trivial values (guards against comparing zeros with zeros)', async () => {
    const native = await on('wasm', () => convKernels(cases[5], false, 5));
    for (const values of native) expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it.each([
    ['linear', 'no bias', 3],
    ['relu', 'bias', 3],
    ['relu6', 'bias', 3],
    ['relu', 'bias', 1],
    ['relu6', 'bias', 1],
  ] as const)('FusedConv2D with %s activation and %s, filter size %i', async (activation, bias, k) => {
    const fused = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(
          seeded(2 * 9 * 7 * 3, 1).map((v) => 8 * v),
          [2, 9, 7, 3],
        );
        const filter = tf.tensor4d(
          seeded(k * k * 3 * 4, 2).map((v) => 4 * v),
          [k, k, 3, 4],
        );
        const b = bias === 'bias' ? tf.tensor1d(seeded(4, 3)) : undefined;
        // 1x1 filters run as matrix products (stride 1); 3x3 ones through oneDNN's convolution (stride 2).
        const y = tf.fused.conv2d({ x, filter, strides: k === 1 ? 1 : 2, pad: 'same', bias: b, activation });
        return [y.dataSync() as Float32Array];
      });
    const [cpu] = await on('cpu', fused);
    const [native] = await on('wasm', fused);
    expect(relError(native, cpu)).toBeLessThanOrEqual(MAX_REL_ERROR);
    if (activation === 'relu6') expect(Math.max(...cpu)).toBe(6); // the clip is exercised
  });

  it('depthwise with channel multiplier 2 and a dilated forward convolution', async () => {
    const kernels = () =>
      tf.tidy(() => {
        const x = tf.tensor4d(seeded(3 * 9 * 8 * 4, 11), [3, 9, 8, 4]);
        const dw = tf.tensor4d(seeded(3 * 3 * 4 * 2, 12), [3, 3, 4, 2]);
        const w = tf.tensor4d(seeded(3 * 3 * 4 * 5, 13), [3, 3, 4, 5]);
        const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))),
        )([x, dw]);
        const dilated = tf.conv2d(x, w, 1, 'same', 'NHWC', 2);
        return [dx, df, dilated].map((t) => t.dataSync() as Float32Array);
      });
    const cpu = await on('cpu', kernels);
    const native = await on('wasm', kernels);
    cpu.forEach((expected, j) => expect(relError(native[j], expected)).toBeLessThanOrEqual(MAX_REL_ERROR));
  });

  it("routes oneDNN 2.6's slow cases to the addon's direct loops, and the rest to oneDNN", () => {
    const geometry = (x: number[], f: number[], stride: number, depthwise: boolean) =>
      nativeGeometry(x, f, { strides: stride, pad: 'same' }, depthwise)!;
    const tinyDepthwise = geometry([4, 4, 4, 16], [3, 3, 16, 1], 2, true); // 2x2 output map
    const greyInput = geometry([4, 28, 28, 1], [3, 3, 1, 16], 1, false);
    const usual = geometry([4, 8, 8, 16], [3, 3, 16, 1], 1, true);
    expect(addon().implementation(ConvPass.BackwardWeights, tinyDepthwise, ConvActivation.Linear, false)).toBe(
      'direct:small-depthwise-filter-grad',
    );
    expect(addon().implementation(ConvPass.BackwardData, greyInput, ConvActivation.Linear, false)).toBe(
      'direct:single-channel-input-grad',
    );
    expect(addon().implementation(ConvPass.BackwardWeights, usual, ConvActivation.Linear, false)).not.toMatch(
      /^direct:/,
    );
  });

  it('rejects a buffer whose length does not match the geometry instead of writing past it', () => {
    const g = nativeGeometry([1, 4, 4, 2], [3, 3, 2, 3], { strides: 1, pad: 'same' }, false)!;
    const call = () =>
      addon().conv(
        ConvPass.Forward,
        g,
        ConvActivation.Linear,
        new Float32Array(32),
        new Float32Array(54),
        null,
        new Float32Array(47),
      );
    expect(call).toThrow('y has 47 elements, the geometry needs 48');
  });
});

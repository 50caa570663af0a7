// The inference plan against the model run as it is (model.apply in inference mode) on wasm without the
// native kernels: every rewrite (batch norm folded into plain and depthwise convolutions, fused
// activations, residual adds in either operand order, squeeze-excite gates) gives the same outputs within
// 1e-4, the summary shows the rewrites happened, nothing leaks, and graphs the plan cannot describe run
// as they are.
import * as tf from '@tensorflow/tfjs';
import { disableNativeKernels } from '../native/native-kernels';
import { MAX_REL_ERROR, seeded, useWasm } from '../../testing/wasm';
import { planVersusModel, randomizeBatchNorms } from '../../testing/inference';
import { buildToyNet } from '../bench/toy-net';
import { compileInference } from './compile-inference';

type T = tf.SymbolicTensor;

function convBn(x: T, filters: number, opts: { kernel?: number; stride?: number; bias?: boolean; name: string }): T {
  const y = tf.layers
    .conv2d({
      filters,
      kernelSize: opts.kernel ?? 3,
      strides: opts.stride ?? 1,
      padding: 'same',
      useBias: opts.bias ?? false,
      name: `${opts.name}_conv`,
    })
    .apply(x) as T;
  return tf.layers.batchNormalization({ name: `${opts.name}_bn` }).apply(y) as T;
}

/** Bottleneck-style residual blocks: the add's conv operand comes after the shortcut in one block, before it in the other. */
function residualNet(): tf.LayersModel {
  const input = tf.input({ shape: [9, 9, 3] });
  let x = tf.layers.reLU().apply(convBn(input, 8, { name: 'stem', bias: true })) as T;
  // No rewrite for pooling: the layer itself runs.
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' }).apply(x) as T;
  // Block 1: identity shortcut (computed before the body).
  const body1 = convBn(tf.layers.reLU().apply(convBn(x, 8, { name: 'b1a' })) as T, 8, { name: 'b1b' });
  x = tf.layers.reLU().apply(tf.layers.add().apply([x, body1]) as T) as T;
  // Block 2: projection shortcut built after the body, and the add lists the shortcut first.
  const body2 = convBn(x, 12, { name: 'b2a', stride: 2 });
  const short2 = convBn(x, 12, { kernel: 1, stride: 2, name: 'b2s' });
  x = tf.layers.reLU({ maxValue: 6 }).apply(tf.layers.add().apply([short2, body2]) as T) as T;
  x = tf.layers.globalAveragePooling2d({}).apply(x) as T;
  x = tf.layers.dropout({ rate: 0.3 }).apply(x) as T;
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 5, activation: 'softmax' }).apply(x) as T });
}

/** MBConv-style: expand (swish), depthwise with multiplier 2 (BN, swish), squeeze-excite, project, residual. */
function mbconvNet(): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 4] });
  const e = tf.layers.activation({ activation: 'swish' }).apply(convBn(input, 6, { kernel: 1, name: 'expand' })) as T;
  let d = tf.layers
    .depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', useBias: false, name: 'dw' })
    .apply(e) as T;
  d = tf.layers.batchNormalization({ name: 'dw_bn' }).apply(d) as T;
  d = tf.layers.activation({ activation: 'swish' }).apply(d) as T;
  let s = tf.layers.globalAveragePooling2d({}).apply(d) as T;
  s = tf.layers.reshape({ targetShape: [1, 1, 12] }).apply(s) as T;
  s = tf.layers.conv2d({ filters: 3, kernelSize: 1, activation: 'swish' }).apply(s) as T;
  s = tf.layers.conv2d({ filters: 12, kernelSize: 1, activation: 'sigmoid' }).apply(s) as T;
  const gated = tf.layers.multiply().apply([d, s]) as T;
  const projected = convBn(gated, 4, { kernel: 1, name: 'project' });
  let x = tf.layers.add().apply([projected, input]) as T;
  // A batch norm that follows no convolution, and a conv whose output is read twice (no folding).
  x = tf.layers.batchNormalization({ name: 'lone_bn' }).apply(x) as T;
  const shared = tf.layers.conv2d({ filters: 4, kernelSize: 1, name: 'shared' }).apply(x) as T;
  const bn = tf.layers.batchNormalization({ name: 'shared_bn' }).apply(shared) as T;
  x = tf.layers.add().apply([bn, shared]) as T;
  x = tf.layers.flatten().apply(x) as T;
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(x) as T });
}

describe('inference plan (wasm kernels)', () => {
  beforeAll(async () => {
    await useWasm();
    disableNativeKernels();
  });

  it('toy net: every conv takes its batch norm and ReLU', () => {
    const model = buildToyNet(
      [
        { channels: 8, stride: 1 },
        { channels: 8, stride: 2 },
      ],
      [10, 10, 1],
      4,
    );
    randomizeBatchNorms(model, 1);
    const { plan, error } = planVersusModel(model, 3);
    expect(error).toBeLessThan(MAX_REL_ERROR);
    expect(plan).toMatchObject({
      convBlocks: 4,
      foldedBatchNorms: 4,
      fusedActivations: 4,
      fusedAdds: 0,
      layerSteps: 0,
    });
    model.dispose();
  });

  it('residual blocks: adds fuse into the later conv whichever operand order', () => {
    const model = residualNet();
    randomizeBatchNorms(model, 2);
    const { plan, error } = planVersusModel(model, 2);
    expect(error).toBeLessThan(MAX_REL_ERROR);
    expect(plan).toMatchObject({ convBlocks: 5, foldedBatchNorms: 5, fusedAdds: 2, layerSteps: 1 });
    // stem, b1a, block 1's add and block 2's add take the ReLUs.
    expect(plan.fusedActivations).toBe(4);
    model.dispose();
  });

  it('MBConv with squeeze-excite, a lone batch norm and a conv read twice', () => {
    const model = mbconvNet();
    randomizeBatchNorms(model, 3);
    const { plan, error } = planVersusModel(model, 2);
    expect(error).toBeLessThan(MAX_REL_ERROR);
    // expand, dw, two SE convs, project, shared: only the first three BNs and project's fold.
    expect(plan).toMatchObject({ convBlocks: 6, foldedBatchNorms: 3, fusedAdds: 1 });
    model.dispose();
  });

  it('frees every intermediate tensor', () => {
    const model = residualNet();
    const plan = compileInference(model);
    const x = tf.tensor4d(seeded(2 * 81 * 3, 4), [2, 9, 9, 3]);
    plan.predict(x).dispose();
    const before = tf.memory().numTensors;
    const y = plan.predict(x);
    expect(tf.memory().numTensors).toBe(before + 1);
    y.dispose();
    plan.dispose();
    expect(() => plan.predict(x)).toThrow('this inference plan was disposed; compile a new one');
    x.dispose();
    model.dispose();
  });

  it('runs a model with a layer applied twice as it is, saying why', () => {
    const input = tf.input({ shape: [4] });
    const dense = tf.layers.dense({ units: 4 });
    const model = tf.model({ inputs: input, outputs: dense.apply(dense.apply(input)) as T });
    const { plan, error } = planVersusModel(model, 2);
    expect(error).toBe(0);
    expect(plan.steps).toBeNull();
    expect(plan.fallback).toMatch(/layer '.*' is applied more than once/);
    model.dispose();
  });
});

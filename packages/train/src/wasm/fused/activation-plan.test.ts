// Folding a ReLU into the batch norm before it: which layers the plan picks, that the folded net gives the
// cpu backend's loss and gradients on wasm, and that the ReLU kernels and their gradients are gone.
import * as tf from '@tensorflow/tfjs';
import { BN_RELU_INPUT, buildBnReluNet } from '../../../testing/bn-relu-net';
import { lossAndGradients, MAX_REL_ERROR, relError, useWasm, valuesOn } from '../../../testing/wasm';
import { foldedActivation, planBatchNormActivations } from './activation-plan';

const gradients = () => lossAndGradients(buildBnReluNet, BN_RELU_INPUT, { weights: 500, images: 17 }, 4);

describe('folding ReLU into batch norm', () => {
  it('folds where a ReLU is the only consumer, never before an add or a model output', () => {
    const input = tf.input({ shape: [4, 4, 2] });
    const bns = [0, 1, 2, 3].map(() => tf.layers.batchNormalization());
    const a = tf.layers.reLU({ maxValue: 6 }).apply(bns[0].apply(input)) as tf.SymbolicTensor;
    const b = bns[1].apply(a) as tf.SymbolicTensor; // feeds a ReLU and the add: two consumers
    const c = tf.layers.add().apply([tf.layers.reLU().apply(b) as tf.SymbolicTensor, b]) as tf.SymbolicTensor;
    const d = bns[2].apply(c) as tf.SymbolicTensor; // a model output and a ReLU's input
    const e = tf.layers.reLU({ maxValue: 3 }).apply(bns[3].apply(d) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: [tf.layers.reLU().apply(d) as tf.SymbolicTensor, d, e] });
    planBatchNormActivations(model);
    expect(bns.map((l) => foldedActivation(l))).toEqual(['relu6', null, null, null]);
    model.dispose();
  });

  it('gives the cpu backend’s loss and weight gradients on wasm', async () => {
    const cpu = await valuesOn('cpu', gradients);
    const wasm = await valuesOn('wasm', gradients);
    expect(wasm).toHaveLength(cpu.length);
    cpu.forEach((expected, i) => {
      expect(expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0);
      expect(relError(wasm[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR);
    });
  });

  it('runs no ReLU kernel or ReLU gradient for the folded layers on wasm', async () => {
    await useWasm();
    const info = await tf.profile(() => tf.dispose(gradients()));
    const names = info.kernels.map((k) => k.name);
    // Two of the three ReLUs are folded; the one after the add runs as a kernel, forward and backward.
    expect(names.filter((n) => n === 'Relu')).toHaveLength(1);
    expect(names.filter((n) => n === 'ScalingLabReluGrad')).toHaveLength(1);
    expect(names.filter((n) => n === 'ScalingLabBatchNormTraining')).toHaveLength(3);
    expect(names).not.toContain('Relu6');
    expect(names).not.toContain('ScalingLabRelu6Grad');
  });
});

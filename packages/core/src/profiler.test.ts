import * as tf from '@tensorflow/tfjs';
import { formatProfileTable } from './profile-table';
import { profileModel } from './profiler';

describe('profileModel', () => {
  let model: tf.LayersModel;

  beforeAll(() => {
    // 16x16x3 → conv3x3/1 same (8) → BN → ReLU → dw3x3/2 same → conv1x1 (16) → add-free head → GAP → dense(10)
    const input = tf.input({ shape: [16, 16, 3] });
    let x = tf.layers
      .conv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false, name: 'conv' })
      .apply(input) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: 'bn' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reLU({ name: 'relu' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'dw' })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.conv2d({ filters: 16, kernelSize: 1, name: 'pw' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 10, name: 'fc' }).apply(x) as tf.SymbolicTensor;
    model = tf.model({ inputs: input, outputs: out });
  });

  afterAll(() => model.dispose());

  it('counts multiply-adds of conv, depthwise and dense layers by hand-checkable formulas', () => {
    const p = profileModel(model);
    const byName = Object.fromEntries(p.layers.map((l) => [l.name, l]));
    expect(byName.conv.macs).toBe(16 * 16 * 8 * 3 * 3 * 3);
    expect(byName.dw.macs).toBe(8 * 8 * 8 * 3 * 3);
    expect(byName.pw.macs).toBe(8 * 8 * 16 * 8);
    expect(byName.fc.macs).toBe(16 * 10);
    expect(byName.bn.macs).toBe(0);
    expect(p.flops).toBe(byName.conv.macs + byName.dw.macs + byName.pw.macs + byName.fc.macs);
  });

  it('agrees with tfjs on parameter counts and separates trainable from BN statistics', () => {
    const p = profileModel(model);
    expect(p.params.total).toBe(model.countParams());
    // BN keeps 2×8 moving statistics that are not trainable.
    expect(p.params.trainable).toBe(p.params.total - 16);
    expect(p.params.trainable).toBe(8 * 27 + 16 + 8 * 9 + (8 * 16 + 16) + (16 * 10 + 10));
  });

  it('counts elementwise work separately from multiply-adds', () => {
    const p = profileModel(model);
    const byName = Object.fromEntries(p.layers.map((l) => [l.name, l]));
    expect(byName.bn.otherOps).toBe(16 * 16 * 8);
    expect(byName.relu.otherOps).toBe(16 * 16 * 8);
    expect(byName.gap.otherOps).toBe(8 * 8 * 16);
    expect(byName.conv.otherOps).toBe(0);
  });

  it('profiles nested models without counting twice', () => {
    const input = tf.input({ shape: [16, 16, 3] });
    const inner = model.apply(input) as tf.SymbolicTensor;
    const outer = tf.model({ inputs: input, outputs: inner });
    const p = profileModel(outer);
    expect(p.flops).toBe(profileModel(model).flops);
    expect(p.layers.some((l) => l.name.includes('/'))).toBe(true);
  });

  it('formats a per-layer table with a total row', () => {
    const table = formatProfileTable(profileModel(model));
    expect(table).toMatch(/\| conv\s+\| Conv2D/);
    expect(table.split('\n').pop()).toMatch(/^\| total/);
  });
});

/** conv + BN (+ activation): names, bias-free convs, the family's BN constants and initializer, depthwise. */
import * as tf from '@tensorflow/tfjs';
import { convBnAct } from './conv-bn-act';
import { heUniformFanOut } from './initializers';

const BN = { epsilon: 1e-5, momentum: 0.9 };

function model(build: (x: tf.SymbolicTensor) => tf.SymbolicTensor): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 4] });
  return tf.model({ inputs: input, outputs: build(input) });
}

describe('convBnAct', () => {
  it('names conv, BN and activation after the prefix, with a numbering suffix, and strides with same padding', () => {
    const m = model((x) =>
      convBnAct(x, 'stage2_block1', { filters: 6, kernel: 3, stride: 2, activation: 'relu', bn: BN, suffix: '1' }),
    );
    expect(m.layers.slice(1).map((l) => `${l.name}:${l.getClassName()}`)).toEqual([
      'stage2_block1_conv1:Conv2D',
      'stage2_block1_bn1:BatchNormalization',
      'stage2_block1_relu1:ReLU',
    ]);
    expect(m.outputs[0].shape).toEqual([null, 4, 4, 6]);
    const conv = m.getLayer('stage2_block1_conv1').getConfig();
    expect([conv.useBias, conv.padding, conv.strides]).toEqual([false, 'same', [2, 2]]);
    expect([
      m.getLayer('stage2_block1_bn1').getConfig().epsilon,
      m.getLayer('stage2_block1_bn1').getConfig().momentum,
    ]).toEqual([1e-5, 0.9]);
    m.dispose();
  });

  it.each([
    ['relu6', 'stem_relu', { maxValue: 6 }],
    ['swish', 'stem_swish', { activation: 'swish' }],
    ['hardswish', 'stem_hswish', {}],
  ] as const)('%s is a layer named %s', (activation, name, config) => {
    const m = model((x) => convBnAct(x, 'stem', { filters: 8, kernel: 1, activation, bn: BN }));
    expect(m.layers[m.layers.length - 1].name).toBe(name);
    expect(m.getLayer(name).getConfig()).toMatchObject(config);
    m.dispose();
  });

  it('ends at BN without an activation, and builds a depthwise conv with the given initializer', () => {
    const m = model((x) =>
      convBnAct(x, 'dw', { filters: 'depthwise', kernel: 5, activation: null, bn: BN, initializer: heUniformFanOut() }),
    );
    expect(m.layers.slice(1).map((l) => l.getClassName())).toEqual(['DepthwiseConv2D', 'BatchNormalization']);
    const dw = m.getLayer('dw_conv').getConfig();
    expect(dw.depthMultiplier).toBe(1);
    expect(dw.depthwiseInitializer).toMatchObject({
      className: 'VarianceScaling',
      config: { scale: 2, mode: 'fanOut', distribution: 'uniform' },
    });
    expect(m.outputs[0].shape).toEqual([null, 8, 8, 4]);
    m.dispose();
  });
});

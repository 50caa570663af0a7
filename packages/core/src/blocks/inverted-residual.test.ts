/**
 * The inverted residual's options: expansion measured from the actual input (skipped when the hidden width is
 * the input's), torchvision's rounding of the hidden width, squeeze-excite measured from the input or the expanded
 * width with either gate, drop-connect only where there is a shortcut, and a linear projection.
 */
import * as tf from '@tensorflow/tfjs';
import { type InvertedResidualOptions, invertedResidual } from './inverted-residual';
import type { SqueezeExciteOptions } from './squeeze-excite';

const BN = { epsilon: 1e-3, momentum: 0.99 };
const EFFICIENTNET_SE: SqueezeExciteOptions = {
  ratio: 0.25,
  from: 'input',
  divisor: 1,
  activation: 'swish',
  gate: 'sigmoid',
};
const MOBILENET_V3_SE: SqueezeExciteOptions = {
  ratio: 0.25,
  from: 'expanded',
  divisor: 8,
  activation: 'relu',
  gate: 'hardsigmoid',
};

function block(inChannels: number, options: Partial<InvertedResidualOptions>): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, inChannels] });
  const out = invertedResidual(
    input,
    { filters: inChannels, kernel: 3, stride: 1, expansion: 6, activation: 'relu6', bn: BN, ...options },
    'b',
  );
  return tf.model({ inputs: input, outputs: out });
}

const names = (m: tf.LayersModel) => m.layers.slice(1).map((l) => l.name);
const channels = (m: tf.LayersModel, name: string) => m.getLayer(name).outputShape[3];

describe('invertedResidual', () => {
  it('MobileNetV2: expand, depthwise, linear projection, add on a stride-1 width-keeping block', () => {
    const m = block(16, {});
    expect(names(m)).toEqual([
      'b_expand_conv',
      'b_expand_bn',
      'b_expand_relu',
      'b_dw_conv',
      'b_dw_bn',
      'b_dw_relu',
      'b_project_conv',
      'b_project_bn',
      'b_add',
    ]);
    expect(channels(m, 'b_expand_conv')).toBe(96);
    m.dispose();
  });

  it('skips the expand conv at expansion 1 and the shortcut when stride or width changes', () => {
    const m = block(16, { expansion: 1, stride: 2, filters: 24 });
    expect(names(m)).toEqual(['b_dw_conv', 'b_dw_bn', 'b_dw_relu', 'b_project_conv', 'b_project_bn']);
    expect(m.outputs[0].shape).toEqual([null, 4, 4, 24]);
    m.dispose();
  });

  it('rounds the hidden width to the divisor (torchvision: 16 × 4.5 = 72, 24 × 11/3 = 88, 40 × 1.1 = 44 → 48)', () => {
    for (const [inChannels, expansion, hidden] of [
      [16, 4.5, 72],
      [24, 88 / 24, 88],
      [40, 1.1, 48],
    ]) {
      const m = block(inChannels, { expansion, expandedDivisor: 8 });
      expect(channels(m, 'b_expand_conv')).toBe(hidden);
      m.dispose();
    }
  });

  it('EfficientNet squeeze-excite reduces from the block input: max(1, int(16 × 0.25)) = 4, gating 96 channels', () => {
    const m = block(16, { activation: 'swish', se: EFFICIENTNET_SE });
    expect(channels(m, 'b_se_reduce')).toBe(4);
    expect(channels(m, 'b_se_expand')).toBe(96);
    expect(m.getLayer('b_se_reduce').getConfig().activation).toBe('swish');
    expect(m.getLayer('b_se_expand').getConfig().activation).toBe('sigmoid');
    expect(names(m)).not.toContain('b_se_hsigmoid');
    expect(names(m).indexOf('b_se_excite')).toBeLessThan(names(m).indexOf('b_project_conv'));
    m.dispose();
  });

  it('MobileNetV3 squeeze-excite reduces from the expanded width: _make_divisible(96 // 4, 8) = 24, hard-sigmoid gate', () => {
    const m = block(16, { activation: 'hardswish', se: MOBILENET_V3_SE });
    expect(channels(m, 'b_se_reduce')).toBe(24);
    expect(m.getLayer('b_se_reduce').getConfig().activation).toBe('relu');
    expect(m.getLayer('b_se_expand').getConfig().activation).toBe('linear');
    expect(m.getLayer('b_se_hsigmoid').getClassName()).toBe('HardSigmoid');
    expect(names(m)).toContain('b_dw_hswish');
    m.dispose();
  });

  it('puts drop-connect on the residual branch only', () => {
    const residual = block(16, { dropConnect: 0.3 });
    expect(residual.getLayer('b_drop').getConfig()).toMatchObject({ rate: 0.3, noiseShape: [null, 1, 1, 1] });
    residual.dispose();
    const strided = block(16, { dropConnect: 0.3, stride: 2 });
    expect(names(strided)).not.toContain('b_drop');
    strided.dispose();
  });
});

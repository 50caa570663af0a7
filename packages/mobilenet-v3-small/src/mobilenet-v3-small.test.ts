/**
 * MobileNetV3-Small checked the way the registry tests check every backbone (packages/backbones/src/registry.test.ts),
 * here on the default cpu backend so the package stands on its own: table invariants, reference numbers (the
 * multiply-adds derived layer by layer from paper Table 2 below), a small build that trains (every weight gets
 * a gradient), layer names, and FLOPs scaling.
 */
import * as tf from '@tensorflow/tfjs';
import { blockPrefix, profileModel } from '@scaling-lab/core';
import { macsBySpatialOutput, withModel as withBuilt } from '@scaling-lab/core/testing';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import { mobileNetV3Small } from './backbone';
import { STEM_STRIDE } from './build';

const backbone = mobileNetV3Small;

function withModel<R>(
  request: ScaleRequest,
  options: { numClasses: number; inputChannels: number },
  check: (m: tf.LayersModel) => R,
): R {
  return withBuilt(backbone, scaleSpec(backbone, request), check, options);
}

const flopsAt = (request: ScaleRequest) =>
  withModel(request, { numClasses: 10, inputChannels: 3 }, (m) => profileModel(m).flops);

/**
 * Multiply-adds at 224 px, 1000 classes, counted by hand from paper Table 2 / torchvision's config: per bneck
 * (input side, in, exp size, out, kernel, stride, SE width = _make_divisible(exp // 4, 8) or 0), the expand 1x1
 * at the input side (none when exp = in), the depthwise k×k and the projection at the output side, and the SE's
 * two 1x1 convs on the pooled vector.
 */
function table2Macs(): number {
  const bnecks: [number, number, number, number, number, number, number][] = [
    [112, 16, 16, 16, 3, 2, 8],
    [56, 16, 72, 24, 3, 2, 0],
    [28, 24, 88, 24, 3, 1, 0],
    [28, 24, 96, 40, 5, 2, 24],
    [14, 40, 240, 40, 5, 1, 64],
    [14, 40, 240, 40, 5, 1, 64],
    [14, 40, 120, 48, 5, 1, 32],
    [14, 48, 144, 48, 5, 1, 40],
    [14, 48, 288, 96, 5, 2, 72],
    [7, 96, 576, 96, 5, 1, 144],
    [7, 96, 576, 96, 5, 1, 144],
  ];
  let macs = 112 * 112 * 3 * 3 * 3 * 16; // stem 3x3/2, 3 → 16
  for (const [side, cin, exp, cout, k, stride, se] of bnecks) {
    const out = side / stride;
    if (exp !== cin) macs += side * side * cin * exp;
    macs += out * out * exp * k * k + 2 * exp * se + out * out * exp * cout;
  }
  return macs + 7 * 7 * 96 * 576 + 576 * 1024 + 1024 * 1000; // head 1x1, hidden Linear, classifier
}

describe('MobileNetV3-Small', () => {
  it('declares the total stride its table implies, and strides only a stage’s first block', () => {
    expect(backbone.base.stages.reduce((s, stage) => s * stage.stride, STEM_STRIDE)).toBe(backbone.totalStride);
    const spec = scaleSpec(backbone, { resolution: backbone.totalStride * 2 });
    withModel({ resolution: backbone.totalStride * 2 }, { numClasses: 10, inputChannels: 3 }, (m) => {
      const last = spec.stages.length - 1;
      const lastBlock = m.layers.filter((l) =>
        l.name.startsWith(`${blockPrefix(last, spec.stages[last].repeats - 1)}_`),
      );
      expect(lastBlock.length).toBeGreaterThan(0);
      expect(lastBlock[lastBlock.length - 1].outputShape).toEqual([null, 2, 2, expect.any(Number)]);
    });
  });

  it('states torchvision’s 2,542,856 parameters and the multiply-adds counted from Table 2 (56.5M, _ops 0.06G)', () => {
    const ref = backbone.reference!;
    expect(ref.trainableParams).toBe(2_542_856);
    expect(ref.flops).toBe(table2Macs());
    expect(Math.round(ref.flops / 1e7) / 100).toBe(0.06);
  });

  it(`builds to its reference numbers at ${backbone.reference!.resolution} px`, () => {
    const ref = backbone.reference!;
    withModel({ resolution: ref.resolution }, { numClasses: ref.numClasses, inputChannels: 3 }, (m) => {
      const p = profileModel(m);
      expect(p.params.trainable).toBe(ref.trainableParams);
      expect(p.flops).toBe(ref.flops);
      expect(m.outputs[0].shape).toEqual([null, ref.numClasses]);
    });
  });

  it('holds at most as many block rows per stage as blocks, and the last row repeats when deepened', () => {
    for (const stage of backbone.base.stages) expect(stage.rows.length).toBeLessThanOrEqual(stage.repeats);
    withModel({ resolution: backbone.totalStride, depth: 2 }, { numClasses: 10, inputChannels: 3 }, (m) => {
      // Stage 3 at depth 2: 4 blocks; block 1 expands 16 → 72 (row 1), blocks 2-4 expand 24 → 88 (row 2).
      expect([1, 2, 3, 4].map((b) => m.getLayer(`stage3_block${b}_expand_conv`).outputShape[3])).toEqual([
        72, 88, 88, 88,
      ]);
    });
  });

  it('builds small, outputs class probabilities, and every trainable weight gets a gradient', () => {
    const resolution = backbone.totalStride;
    withModel({ resolution, width: 0.25, depth: 0.5 }, { numClasses: 5, inputChannels: 1 }, (m) => {
      const zero = tf.tidy(() => {
        const x = tf.randomNormal([2, resolution, resolution, 1], 0, 1, 'float32', 1);
        const y = tf.oneHot(tf.tensor1d([0, 3], 'int32'), 5);
        const variables = m.trainableWeights.map((w) => w.read() as tf.Variable);
        const { grads } = tf.variableGrads(() => {
          const out = m.apply(x, { training: true }) as tf.Tensor;
          expect(out.shape).toEqual([2, 5]);
          for (const s of out.sum(1).dataSync()) expect(s).toBeCloseTo(1, 4);
          return tf.losses.softmaxCrossEntropy(y, out.log()) as tf.Scalar;
        }, variables);
        return variables.filter((v) => !(grads[v.name].abs().max().dataSync()[0] > 0)).map((v) => v.name);
      });
      expect(zero).toEqual([]);
    });
  });

  it('names layers hierarchically', () => {
    withModel({ resolution: backbone.totalStride }, { numClasses: 10, inputChannels: 1 }, (m) => {
      for (const name of [
        'stem_conv',
        'stem_hswish',
        `${blockPrefix(0, 0)}_dw_conv`,
        `${blockPrefix(0, 0)}_se_hsigmoid`,
        'stage3_block1_expand_relu',
        'stage6_block3_add',
        'head_conv',
        'global_pool',
        'pre_classifier',
        'classifier',
      ]) {
        expect(m.getLayer(name)).toBeDefined();
      }
    });
  });

  it('FLOPs scale as the strategies say', () => {
    const base = flopsAt({ resolution: 64 });
    // Resolution ×2: layers with a spatial output do exactly 4× the work; layers on pooled features do not change.
    const [lo, hi] = [64, 128].map((resolution) =>
      withModel({ resolution }, { numClasses: 10, inputChannels: 3 }, (m) => macsBySpatialOutput(profileModel(m))),
    );
    expect(hi.spatial).toBe(4 * lo.spatial);
    expect(hi.pooled).toBe(lo.pooled);
    // Width ×√2: conv MACs ~×2 (rounding to multiples of 8 moves it a little; the stem's 3 inputs do not grow).
    const w = flopsAt({ resolution: 64, width: Math.SQRT2 }) / base;
    expect(w).toBeGreaterThan(1.6);
    expect(w).toBeLessThan(2.4);
    // Depth ×2: twice the blocks per stage, the stem and head unchanged.
    const d = flopsAt({ resolution: 64, depth: 2 }) / base;
    expect(d).toBeGreaterThan(1.5);
    expect(d).toBeLessThan(2.5);
  });

  describe('torchvision mobilenet_v3_small details (224 px, width 1)', () => {
    let model: tf.LayersModel;
    beforeAll(() => {
      model = backbone.build(scaleSpec(backbone), { numClasses: 1000, inputChannels: 3 });
    });
    afterAll(() => model.dispose());
    const layer = (name: string) => model.getLayer(name);
    const channels = (name: string) => layer(name).outputShape[3];
    const blocks = () =>
      backbone.base.stages.flatMap((s, i) => Array.from({ length: s.repeats }, (_, b) => blockPrefix(i, b)));

    it('has the paper’s expanded widths (Table 2 "exp size") and output widths', () => {
      expect(blocks().map((p) => channels(`${p}_dw_conv`))).toEqual([
        16, 72, 88, 96, 240, 240, 120, 144, 288, 576, 576,
      ]);
      expect(blocks().map((p) => channels(`${p}_project_conv`))).toEqual([16, 24, 24, 40, 40, 40, 48, 48, 96, 96, 96]);
      // The first block expands nothing (16 → 16), so it has no expand conv.
      expect(model.layers.some((l) => l.name === 'stage2_block1_expand_conv')).toBe(false);
      expect(channels('head_conv')).toBe(576);
      expect(layer('pre_classifier').getConfig().units).toBe(1024);
    });

    it('squeeze-excites with _make_divisible(exp // 4, 8) channels where Table 2 says SE', () => {
      const se = blocks().filter((p) => model.layers.some((l) => l.name === `${p}_se_reduce`));
      expect(se).toHaveLength(9); // all but stage 3's two ReLU blocks
      expect(se.map((p) => channels(`${p}_se_reduce`))).toEqual([8, 24, 64, 64, 32, 40, 72, 144, 144]);
    });

    it('uses ReLU in the first two stages and hard-swish after, with residuals where stride 1 keeps the width', () => {
      expect(blocks().map((p) => (model.layers.some((l) => l.name === `${p}_dw_relu`) ? 'RE' : 'HS'))).toEqual([
        'RE',
        'RE',
        'RE',
        'HS',
        'HS',
        'HS',
        'HS',
        'HS',
        'HS',
        'HS',
        'HS',
      ]);
      expect(model.layers.filter((l) => l.getClassName() === 'Add').map((l) => l.name)).toEqual([
        'stage3_block2_add',
        'stage4_block2_add',
        'stage4_block3_add',
        'stage5_block2_add',
        'stage6_block2_add',
        'stage6_block3_add',
      ]);
    });

    it('counts Keras-style total params (BN running statistics included) as the reference says', () => {
      expect(profileModel(model).params.total).toBe(backbone.reference!.totalParams);
    });
  });
});

/**
 * MobileNetV2 against its references: Keras parameter counts and the paper's 300M multiply-adds at 224,
 * the EfficientNet paper's Table 3 single-dimension rows (depth 4 -> 1.2B, width 2 -> 1.1B, resolution 2 ->
 * 1.2B), residual placement, and the Keras head rule (1280 kept for width <= 1).
 */
import type * as tf from '@tensorflow/tfjs';
import { profileModel, type BuildOptions, type ScaledSpec } from '@scaling-lab/core';
import {
  expectedResiduals,
  IMAGENET,
  layerNamesOfType,
  profileOf,
  withModel as withBuilt,
} from '@scaling-lab/core/testing';
import { scaleSpec, type ScaleRequest } from '@scaling-lab/scaling';
import { mobileNetV2, type MobileNetV2Stage } from './index';

function withModel<R>(
  spec: ScaledSpec<MobileNetV2Stage>,
  use: (model: tf.LayersModel) => R,
  options: BuildOptions = IMAGENET,
): R {
  return withBuilt(mobileNetV2, spec, use, options);
}

const flopsOf = (request: ScaleRequest) => profileOf(mobileNetV2, scaleSpec(mobileNetV2, request)).flops;

describe('mobileNetV2 reference', () => {
  const ref = mobileNetV2.reference!;
  const measure = (model: tf.LayersModel) => ({
    profile: profileModel(model),
    names: model.layers.map((l) => l.name),
    adds: layerNamesOfType(model, 'Add'),
    output: model.outputs[0].shape,
  });
  let base: ReturnType<typeof measure>;
  beforeAll(() => {
    base = withModel(scaleSpec(mobileNetV2), measure);
  });

  it('matches the Keras parameter counts exactly', () => {
    expect(base.profile.params.trainable).toBe(ref.trainableParams);
    expect(base.profile.params.total).toBe(ref.totalParams);
  });

  it('is within 2% of the paper multiply-adds', () => {
    expect(Math.abs(base.profile.flops / ref.flops - 1)).toBeLessThan(0.02);
  });

  it('puts a residual add exactly on stride-1 blocks that keep their width', () => {
    expect(base.adds).toEqual(expectedResiduals(scaleSpec(mobileNetV2)));
    // Keras MobileNetV2 has 10 `block_N_add` layers (blocks 2, 4, 5, 7-9, 11, 12, 14, 15).
    expect(base.adds).toHaveLength(10);
  });

  it('has stable hierarchical layer names, no expand conv when t = 1, and a softmax over numClasses', () => {
    expect(base.names).toEqual(
      expect.arrayContaining([
        'stem_conv',
        'stem_bn',
        'stage2_block1_dw_conv',
        'stage2_block1_project_bn',
        'stage3_block1_expand_conv',
        'stage8_block1_project_conv',
        'head_conv',
        'head_bn',
        'head_relu',
        'global_pool',
        'classifier',
      ]),
    );
    expect(base.names).not.toContain('stage2_block1_expand_conv');
    expect(base.output).toEqual([null, 1000]);
  });
});

describe('mobileNetV2 structure', () => {
  it('strides only the first block of each stage and keeps residuals right when deepened', () => {
    const spec = scaleSpec(mobileNetV2, { depth: 2, width: 0.5, resolution: 64 });
    withModel(
      spec,
      (model) => {
        spec.stages.forEach((stage, s) => {
          for (let b = 0; b < stage.repeats; b++) {
            const strides = model.getLayer(`stage${s + 2}_block${b + 1}_dw_conv`).getConfig().strides;
            expect(strides).toEqual(b === 0 ? [stage.stride, stage.stride] : [1, 1]);
          }
        });
        const adds = layerNamesOfType(model, 'Add');
        expect(adds).toEqual(expectedResiduals(spec));
        const side = 64 / mobileNetV2.totalStride;
        expect(model.getLayer('head_relu').outputShape).toEqual([null, side, side, spec.head]);
        expect(model.inputs[0].shape).toEqual([null, 64, 64, 1]);
        expect(model.outputs[0].shape).toEqual([null, 10]);
      },
      { numClasses: 10, inputChannels: 1 },
    );
  });

  it('uses the dropout option, else the backbone default', () => {
    const spec = scaleSpec(mobileNetV2, { resolution: 32, width: 0.35 });
    for (const [dropout, expected] of [
      [undefined, mobileNetV2.dropout],
      [0.5, 0.5],
    ] as const) {
      withModel(
        spec,
        (model) => {
          expect(model.getLayer('classifier_dropout').getConfig().rate).toBe(expected);
        },
        { numClasses: 10, inputChannels: 3, dropout },
      );
    }
  });

  it('has no bias on convolutions feeding batch norm', () => {
    withModel(scaleSpec(mobileNetV2, { resolution: 32, width: 0.35 }), (model) => {
      const convs = model.layers.filter((l) => /_conv$/.test(l.name));
      expect(convs.length).toBeGreaterThan(0);
      for (const conv of convs) expect(conv.getConfig().useBias).toBe(false);
    });
  });
});

describe('mobileNetV2 head rounding (keep-below-one)', () => {
  it('keeps the 1280 head for width <= 1 and scales it above 1', () => {
    expect(scaleSpec(mobileNetV2, { width: 0.5 }).head).toBe(1280);
    expect(scaleSpec(mobileNetV2, { width: 1 }).head).toBe(1280);
    // Keras `_make_divisible(1280 * 1.4, 8)` = 1792.
    expect(scaleSpec(mobileNetV2, { width: 1.4 }).head).toBe(1792);
  });

  it('builds the head conv at the spec width', () => {
    const spec = scaleSpec(mobileNetV2, { width: 0.5, resolution: 32 });
    withModel(spec, (model) => {
      expect(model.getLayer('head_conv').outputShape).toEqual([null, 1, 1, 1280]);
      expect(model.getLayer('stem_conv').outputShape).toEqual([null, 16, 16, 16]);
    });
  });
});

describe('mobileNetV2 EfficientNet Table 3 rows', () => {
  // EfficientNet paper, Table 3: scaling MobileNetV2 by one dimension.
  const rows: [string, ScaleRequest, number][] = [
    ['depth d=4', { depth: 4 }, 1.2e9],
    ['width w=2', { width: 2 }, 1.1e9],
    ['resolution r=2', { resolutionMultiplier: 2 }, 1.2e9],
  ];
  it.each(rows)('%s is within 5%% of the paper FLOPs', (_label, request, paper) => {
    expect(Math.abs(flopsOf(request) / paper - 1)).toBeLessThan(0.05);
  });
});

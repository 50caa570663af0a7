/**
 * MobileNetV1 against its references: Keras parameter counts and the paper's 569M multiply-adds at 224,
 * and the EfficientNet paper's Table 3 single-dimension scaling rows (width 2 -> 2.2B, resolution 2 -> 2.2B).
 */
import { profileModel } from '@scaling-lab/core';
import { scaleSpec, type ScaleRequest } from '@scaling-lab/scaling';
import { mobileNetV1 } from './index';

const IMAGENET = { numClasses: 1000, inputChannels: 3 };

function profile(request: ScaleRequest) {
  const model = mobileNetV1.build(scaleSpec(mobileNetV1, request), IMAGENET);
  try {
    return { profile: profileModel(model), names: model.layers.map((l) => l.name), output: model.outputs[0].shape };
  } finally {
    model.dispose();
  }
}

describe('mobileNetV1 reference', () => {
  const ref = mobileNetV1.reference!;
  let base: ReturnType<typeof profile>;
  beforeAll(() => {
    base = profile({});
  });

  it('matches the Keras parameter counts exactly', () => {
    expect(base.profile.params.trainable).toBe(ref.trainableParams);
    expect(base.profile.params.total).toBe(ref.totalParams);
  });

  it('is within 2% of the paper multiply-adds', () => {
    expect(Math.abs(base.profile.flops / ref.flops - 1)).toBeLessThan(0.02);
  });

  it('has stable hierarchical layer names and a softmax over numClasses', () => {
    expect(base.names).toEqual(
      expect.arrayContaining([
        'stem_conv',
        'stem_bn',
        'stem_relu',
        'stage2_block1_dw_conv',
        'stage2_block1_pw_bn',
        'stage5_block6_pw_relu',
        'stage6_block2_pw_conv',
        'global_pool',
        'classifier',
      ]),
    );
    expect(base.names).not.toContain('head_conv');
    expect(base.output).toEqual([null, 1000]);
  });
});

describe('mobileNetV1 structure', () => {
  it('strides only the first block of each stage (total stride 32)', () => {
    const spec = scaleSpec(mobileNetV1, { depth: 2 });
    const model = mobileNetV1.build(spec, { numClasses: 10, inputChannels: 1 });
    try {
      const layer = (name: string) => model.getLayer(name);
      spec.stages.forEach((stage, s) => {
        for (let b = 0; b < stage.repeats; b++) {
          const strides = layer(`stage${s + 2}_block${b + 1}_dw_conv`).getConfig().strides as number[];
          expect(strides).toEqual(b === 0 ? [stage.stride, stage.stride] : [1, 1]);
        }
      });
      const last = spec.stages.length + 1;
      const lastBlock = spec.stages[spec.stages.length - 1].repeats;
      const finalShape = layer(`stage${last}_block${lastBlock}_pw_relu`).outputShape as number[];
      const side = 224 / mobileNetV1.totalStride;
      expect(finalShape).toEqual([null, side, side, spec.stages[spec.stages.length - 1].channels]);
      expect(model.inputs[0].shape).toEqual([null, 224, 224, 1]);
      expect(model.outputs[0].shape).toEqual([null, 10]);
    } finally {
      model.dispose();
    }
  });

  it('uses the dropout option, else the backbone default', () => {
    const spec = scaleSpec(mobileNetV1, { resolution: 32 });
    for (const [dropout, expected] of [
      [undefined, mobileNetV1.dropout],
      [0.4, 0.4],
    ] as const) {
      const model = mobileNetV1.build(spec, { numClasses: 10, inputChannels: 3, dropout });
      expect(model.getLayer('classifier_dropout').getConfig().rate).toBe(expected);
      model.dispose();
    }
  });

  it('has no bias on convolutions feeding batch norm', () => {
    const model = mobileNetV1.build(scaleSpec(mobileNetV1, { resolution: 32 }), { numClasses: 10, inputChannels: 3 });
    const convs = model.layers.filter((l) => /_conv$/.test(l.name));
    expect(convs.length).toBe(1 + 2 * 13);
    for (const conv of convs) expect(conv.getConfig().useBias).toBe(false);
    model.dispose();
  });
});

describe('mobileNetV1 EfficientNet Table 3 rows', () => {
  // EfficientNet paper, Table 3: scaling MobileNetV1 by one dimension.
  const rows: [string, ScaleRequest, number][] = [
    ['width w=2', { width: 2 }, 2.2e9],
    ['resolution r=2', { resolutionMultiplier: 2 }, 2.2e9],
  ];
  it.each(rows)('%s is within 5%% of the paper FLOPs', (_label, request, paper) => {
    const { profile: p } = profile(request);
    expect(Math.abs(p.flops / paper - 1)).toBeLessThan(0.05);
  });
});

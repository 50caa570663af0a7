/**
 * The builder's structure: stable hierarchical names, no expand conv where expansion is 1, no conv bias before
 * batch norm, the reference BN settings, strides only on a stage's first block, residuals from the table
 * when deepened, and the dropout option.
 */
import { blockPrefix } from '@scaling-lab/core';
import { scaleSpec } from '@scaling-lab/scaling';
import { efficientNets } from './backbone';
import { expectedResiduals, layerNamesOfType, withModel } from '@scaling-lab/core/testing';

const b0 = efficientNets[0];
const small = { numClasses: 10, inputChannels: 1 };

describe('efficientnet builder structure', () => {
  it('names layers hierarchically, skips the expand conv when expansion is 1, and ends in a softmax', () => {
    withModel(
      b0,
      scaleSpec(b0, { resolution: 32 }),
      (model) => {
        const names = model.layers.map((l) => l.name);
        expect(names).toEqual(
          expect.arrayContaining([
            'stem_conv',
            'stem_bn',
            'stem_swish',
            'stage2_block1_dw_conv',
            'stage2_block1_se_squeeze',
            'stage2_block1_se_reduce',
            'stage2_block1_se_expand',
            'stage2_block1_se_excite',
            'stage2_block1_project_bn',
            'stage3_block1_expand_conv',
            'stage3_block2_add',
            'stage8_block1_project_conv',
            'head_conv',
            'head_bn',
            'head_swish',
            'global_pool',
            'classifier_dropout',
            'classifier',
          ]),
        );
        expect(names).not.toContain('stage2_block1_expand_conv');
        expect(model.getLayer('classifier').getConfig().activation).toBe('softmax');
        expect(model.inputs[0].shape).toEqual([null, 32, 32, 1]);
        expect(model.outputs[0].shape).toEqual([null, 10]);
      },
      small,
    );
  });

  it('has no bias on convolutions feeding batch norm and uses the reference BN epsilon and momentum', () => {
    withModel(
      b0,
      scaleSpec(b0, { resolution: 32, width: 0.25 }),
      (model) => {
        const convs = model.layers.filter((l) => /_conv$/.test(l.name));
        expect(convs.length).toBeGreaterThan(0);
        for (const conv of convs) expect(conv.getConfig().useBias).toBe(false);
        const bns = layerNamesOfType(model, 'BatchNormalization');
        expect(bns.length).toBe(convs.length);
        for (const name of bns) {
          const config = model.getLayer(name).getConfig();
          expect([config.epsilon, config.momentum]).toEqual([1e-3, 0.99]);
        }
      },
      small,
    );
  });

  it('strides only the first block of each stage and keeps residuals right when deepened and widened', () => {
    const spec = scaleSpec(b0, { depth: 2, width: 0.5, resolution: 64 });
    withModel(
      b0,
      spec,
      (model) => {
        spec.stages.forEach((stage, s) => {
          for (let b = 0; b < stage.repeats; b++) {
            const dw = model.getLayer(`${blockPrefix(s, b)}_dw_conv`).getConfig();
            expect(dw.strides).toEqual(b === 0 ? [stage.stride, stage.stride] : [1, 1]);
            expect(dw.kernelSize).toEqual([stage.kernel, stage.kernel]);
          }
        });
        expect(layerNamesOfType(model, 'Add')).toEqual(expectedResiduals(spec));
        const side = 64 / b0.totalStride;
        expect(model.getLayer('head_swish').outputShape).toEqual([null, side, side, spec.head]);
      },
      small,
    );
  });

  it('uses the dropout option, else the variant’s own', () => {
    const b4 = efficientNets[4];
    const spec = scaleSpec(b4, { resolution: 32, width: 0.25, depth: 0.25 });
    for (const [dropout, expected] of [
      [undefined, b4.dropout],
      [0.1, 0.1],
    ] as const) {
      withModel(
        b4,
        spec,
        (model) => {
          expect(model.getLayer('classifier_dropout').getConfig().rate).toBe(expected);
        },
        { ...small, dropout },
      );
    }
    expect(b4.dropout).toBe(0.4);
  });
});

import * as tf from '@tensorflow/tfjs';
import { type Backbone, blockPrefix } from '@scaling-lab/core';
import { scaleSpec } from '@scaling-lab/scaling';
import { resNet18, resNet50 } from './backbone';
import type { ResNetStage } from './stage-table';

/** Small enough to build quickly; still a multiple of the total stride. */
const SMALL = { resolution: 64 } as const;
const OPTIONS = { numClasses: 10, inputChannels: 1 };

function withModel(backbone: Backbone<ResNetStage>, check: (model: tf.LayersModel) => void, width = 1): void {
  const model = backbone.build(scaleSpec(backbone, { ...SMALL, width }), OPTIONS);
  try {
    check(model);
  } finally {
    model.dispose();
  }
}

const byType = (model: tf.LayersModel, type: string) => model.layers.filter((l) => l.getClassName() === type);
const totalBlocks = (b: Backbone<ResNetStage>) => b.base.stages.reduce((n, s) => n + s.repeats, 0);

describe.each([resNet18, resNet50])('$name structure', (backbone) => {
  it('has one Add per block and a projection shortcut exactly where the residual shape changes', () => {
    withModel(backbone, (model) => {
      expect(byType(model, 'Add')).toHaveLength(totalBlocks(backbone));
      const projected = model.layers
        .map((l) => l.name)
        .filter((n) => n.endsWith('_shortcut_conv'))
        .sort();
      // Shape changes on a stage's first block: stride 2, or a width change (stem 64 → 256 for bottlenecks).
      let inChannels = backbone.base.stem;
      const expected: string[] = [];
      backbone.base.stages.forEach((s, i) => {
        const out = s.channels * s.expansion;
        if (s.stride !== 1 || out !== inChannels) expected.push(`${blockPrefix(i, 0)}_shortcut_conv`);
        inChannels = out;
      });
      expect(projected).toEqual(expected.sort());
      expect(expected.length).toBe(backbone.base.stages[0].block === 'basic' ? 3 : 4);
    });
  });

  it('names layers hierarchically', () => {
    withModel(backbone, (model) => {
      for (const name of [
        'stem_conv',
        'stem_bn',
        'stem_pool',
        'stage2_block1_conv1',
        'stage2_block1_bn1',
        'stage2_block1_add',
        'stage5_block1_shortcut_conv',
        'classifier',
      ]) {
        expect(model.getLayer(name)).toBeDefined();
      }
    });
  });

  it('convolutions carry no bias; BN uses torchvision eps and the momentum 0.1 in Keras convention', () => {
    withModel(backbone, (model) => {
      for (const conv of byType(model, 'Conv2D')) expect(conv.getConfig().useBias).toBe(false);
      for (const bn of byType(model, 'BatchNormalization')) {
        // torchvision `nn.BatchNorm2d` defaults eps 1e-5, momentum 0.1 (weighting the new batch) = 0.9 here.
        expect(bn.getConfig().epsilon).toBe(1e-5);
        expect(bn.getConfig().momentum).toBeCloseTo(1 - 0.1, 12);
      }
    });
  });

  it('downsamples by 32 and ends in a softmax over the classes', () => {
    withModel(backbone, (model) => {
      const last = backbone.base.stages.length - 1;
      const lastBlock = backbone.base.stages[last].repeats - 1;
      const out = model.getLayer(`${blockPrefix(last, lastBlock)}_add`).outputShape;
      const stage = backbone.base.stages[last];
      expect(out).toEqual([null, 2, 2, stage.channels * stage.expansion]);
      expect(model.outputs[0].shape).toEqual([null, OPTIONS.numClasses]);
      expect(model.getLayer('classifier').getConfig().activation).toBe('softmax');
    });
  });
});

describe('ResNet-50 (v1.5) details', () => {
  it('strides the 3x3 of a stage’s first bottleneck, not the 1x1', () => {
    withModel(resNet50, (model) => {
      expect(model.getLayer('stage3_block1_conv1').getConfig().strides).toEqual([1, 1]);
      expect(model.getLayer('stage3_block1_conv2').getConfig().strides).toEqual([2, 2]);
      expect(model.getLayer('stage3_block1_shortcut_conv').getConfig().strides).toEqual([2, 2]);
      expect(model.getLayer('stage3_block2_conv2').getConfig().strides).toEqual([1, 1]);
    });
  });

  it('builds a width-scaled table: inner width and output width follow the scaled channels', () => {
    withModel(
      resNet50,
      (model) => {
        expect(model.getLayer('stem_conv').outputShape).toEqual([null, 32, 32, 32]);
        expect(model.getLayer('stage2_block1_conv2').outputShape).toEqual([null, 16, 16, 32]);
        expect(model.getLayer('stage2_block1_add').outputShape).toEqual([null, 16, 16, 128]);
      },
      0.5,
    );
  });

  it('passes dropout through, defaulting to none', () => {
    const spec = scaleSpec(resNet50, SMALL);
    const withDropout = resNet50.build(spec, { ...OPTIONS, dropout: 0.3 });
    const without = resNet50.build(spec, OPTIONS);
    try {
      expect(withDropout.getLayer('classifier_dropout').getConfig().rate).toBe(0.3);
      expect(without.getLayer('classifier_dropout').getConfig().rate).toBe(0);
    } finally {
      withDropout.dispose();
      without.dispose();
    }
  });
});

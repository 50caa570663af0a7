/**
 * ResNet-18/34/50/101/152 at 224 px, 1000 classes against torchvision's published `num_params` and `_ops`
 * (GFLOPS counted as multiply-adds, printed to three decimals), through an independent count: the
 * multiply-adds of torchvision's layer list for each stage table, summed by hand below.
 */
import { profileOf } from '@scaling-lab/core/testing';
import { scaleSpec } from '@scaling-lab/scaling';
import { resNets, TORCHVISION_RESNETS } from './backbone';
import { RESNET_BASES, type ResNetDepth } from './stage-table';

/**
 * torchvision's layers at 224 px: conv1 7x7/2 (3 → 64) at 112², max pool to 56², then per block — basic:
 * 3x3 (strided) and 3x3; bottleneck: 1x1 at the input side, 3x3 carrying the stride, 1x1 to 4× — plus a 1x1
 * projection wherever stride or width changes, and fc from the last width to 1000.
 */
function torchvisionMacs(depth: ResNetDepth): number {
  let macs = 112 * 112 * 7 * 7 * 3 * 64;
  let inChannels = 64;
  let side = 56;
  for (const stage of RESNET_BASES[depth].stages) {
    for (let b = 0; b < stage.repeats; b++) {
      const stride = b === 0 ? stage.stride : 1;
      const outSide = side / stride;
      const c = stage.channels;
      const out = c * stage.expansion;
      macs +=
        stage.block === 'basic'
          ? outSide ** 2 * 9 * inChannels * c + outSide ** 2 * 9 * c * c
          : side ** 2 * inChannels * c + outSide ** 2 * 9 * c * c + outSide ** 2 * c * out;
      if (stride !== 1 || inChannels !== out) macs += outSide ** 2 * inChannels * out;
      inChannels = out;
      side = outSide;
    }
  }
  return macs + inChannels * 1000;
}

describe.each(resNets.map((b) => [b.name, b] as const))(
  '%s against torchvision at 224 px, 1000 classes',
  (_name, backbone) => {
    const depth = Number(backbone.id.replace('resnet-', '')) as ResNetDepth;
    const published = TORCHVISION_RESNETS[depth];

    it(`states the hand-counted multiply-adds, which round to torchvision’s ${published.gflops} GFLOPS`, () => {
      expect(backbone.reference!.flops).toBe(torchvisionMacs(depth));
      expect(Number((backbone.reference!.flops / 1e9).toFixed(3))).toBe(published.gflops);
      expect(backbone.reference!.trainableParams).toBe(published.params);
    });

    it('builds to exactly those trainable params and multiply-adds', () => {
      const profile = profileOf(backbone, scaleSpec(backbone));
      expect(profile.params.trainable).toBe(published.params);
      expect(profile.flops).toBe(torchvisionMacs(depth));
      expect(profile.layers[profile.layers.length - 1].outputShape).toEqual([null, 1000]);
    });
  },
);

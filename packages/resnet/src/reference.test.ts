import { profileModel } from '@scaling-lab/core';
import { scaleSpec } from '@scaling-lab/scaling';
import { resnet101, resnet152, resnet18, resnet34, resnet50 } from './backbones';

const IMAGENET = { numClasses: 1000, inputChannels: 3 };

/** torchvision `ResNet*_Weights.IMAGENET1K_V1.meta`: `num_params` and `_ops` (GMACs) at 224 px. */
const TORCHVISION = [
  { backbone: resnet18, params: 11_689_512, gmacs: 1.814 },
  { backbone: resnet34, params: 21_797_672, gmacs: 3.664 },
  { backbone: resnet50, params: 25_557_032, gmacs: 4.089 },
  { backbone: resnet101, params: 44_549_160, gmacs: 7.801 },
  { backbone: resnet152, params: 60_192_808, gmacs: 11.514 },
];

describe('ResNet against torchvision at 224 px, 1000 classes', () => {
  it.each(TORCHVISION)('$backbone.name: trainable params and multiply-adds', ({ backbone, params, gmacs }) => {
    const model = backbone.build(scaleSpec(backbone), IMAGENET);
    try {
      const profile = profileModel(model);
      expect(profile.params.trainable).toBe(params);
      expect(Math.abs(profile.flops / (gmacs * 1e9) - 1)).toBeLessThan(0.02);
      // The record carries the same numbers, so registry-wide checks use them.
      expect(backbone.reference?.trainableParams).toBe(params);
      expect(Math.abs(profile.flops / backbone.reference!.flops - 1)).toBeLessThan(0.02);
      expect(model.outputs[0].shape).toEqual([null, 1000]);
    } finally {
      model.dispose();
    }
  });
});

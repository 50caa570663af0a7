/**
 * The rows of `scaling-lab bench train`: the toy net, MobileNetV2 ×0.5 at 32 px, and the quick preset's
 * baselines of ResNet-50 and EfficientNet-B0, taken from the catalogue so the bench follows the preset.
 * Each carries the spec python/bench_torch.py builds the same net from.
 */
import { getBackbone } from '@scaling-lab/backbones';
import { scaleSpec } from '@scaling-lab/scaling';
import { type BenchModel, TOY_BENCH_MODEL, type TorchNet } from '@scaling-lab/train';
import { PRESETS } from '../catalogue/presets';

/** Fashion-MNIST, the quick preset's dataset, has ten classes. */
const QUICK_CLASSES = 10;

export const MOBILENET_V2_HALF: BenchModel = {
  name: 'mobilenet-v2 w0.5 @32',
  numClasses: 10,
  torch: { kind: 'mobilenetv2', spec: { width: 0.5 } },
  build: () => {
    const backbone = getBackbone('mobilenet-v2');
    return backbone.build(scaleSpec(backbone, { width: 0.5, resolution: 32 }), { numClasses: 10, inputChannels: 3 });
  },
};

const TORCH_KIND: Readonly<Record<string, TorchNet['kind']>> = {
  'resnet-50': 'resnet',
  'efficientnet-b0': 'efficientnet',
};

/** A family's baseline under the quick preset (its scale request, input channels and classes). */
export function quickBaseline(backboneId: 'resnet-50' | 'efficientnet-b0'): BenchModel {
  const preset = PRESETS.quick;
  const backbone = getBackbone(backboneId);
  const spec = scaleSpec(backbone, preset.baseline);
  return {
    name: `${backboneId} quick baseline (w${spec.scale.width} @${spec.resolution})`,
    numClasses: QUICK_CLASSES,
    torch: { kind: TORCH_KIND[backboneId], spec: { stem: spec.stem, head: spec.head, stages: spec.stages } },
    build: () => backbone.build(spec, { numClasses: QUICK_CLASSES, inputChannels: preset.channels }),
  };
}

/** Every row, in table order, by a short id for `--model`. */
export function benchModels(): ReadonlyArray<{ id: string; model: BenchModel }> {
  return [
    { id: 'toy', model: TOY_BENCH_MODEL },
    { id: 'mobilenet-v2', model: MOBILENET_V2_HALF },
    { id: 'resnet-50', model: quickBaseline('resnet-50') },
    { id: 'efficientnet-b0', model: quickBaseline('efficientnet-b0') },
  ];
}

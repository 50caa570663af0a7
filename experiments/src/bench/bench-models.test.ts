// The bench's rows: the quick preset's baselines follow the catalogue, and PyTorch's equivalent of every
// row (built by python/bench_torch.py from the spec the row carries) has exactly our trainable parameter
// count, so the two frameworks time the same net. PyTorch is the bench's reference; .ci/run installs it.
import { getBackbone } from '@scaling-lab/backbones';
import { scaleSpec } from '@scaling-lab/scaling';
import { runTorchBench, trainableParams } from '@scaling-lab/train';
import * as tf from '@tensorflow/tfjs';
import { PRESETS } from '../catalogue/presets';
import { benchModels, quickBaseline } from './bench-models';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('bench rows', () => {
  it('has the toy net, MobileNetV2 and the quick baselines of ResNet-50 and EfficientNet-B0', () => {
    expect(benchModels().map((m) => m.id)).toEqual(['toy', 'mobilenet-v2', 'resnet-50', 'efficientnet-b0']);
  });

  it.each(['resnet-50', 'efficientnet-b0'] as const)(
    '%s: the quick preset’s baseline resolution and input channels',
    (id) => {
      const expected = scaleSpec(getBackbone(id), PRESETS.quick.baseline);
      const model = quickBaseline(id).build();
      expect(model.inputs[0].shape).toEqual([null, expected.resolution, expected.resolution, PRESETS.quick.channels]);
      expect(quickBaseline(id).name).toContain(`@${expected.resolution}`);
      model.dispose();
    },
  );

  it('PyTorch builds every row with our parameter count', () => {
    const rows = benchModels().map(({ model }) => {
      const built = model.build();
      const [h, w, c] = built.inputs[0].shape.slice(1) as number[];
      const params = trainableParams(built);
      built.dispose();
      return {
        name: model.name,
        kind: model.torch!.kind,
        spec: model.torch!.spec,
        inputShape: [c, h, w] as [number, number, number],
        numClasses: model.numClasses,
        params,
      };
    });
    const r = runTorchBench({
      models: rows,
      batchSize: 2,
      warmupSteps: 0,
      windows: 1,
      stepsPerWindow: 1,
      forwardStepsPerWindow: 1,
    });
    if (!r.available)
      throw new Error(`PyTorch must be installed for this test (.ci/run installs python3-torch): ${r.reason}`);
    expect(r.results.map((t) => [t.name, t.params])).toEqual(rows.map((row) => [row.name, row.params]));
  }, 300_000);
});

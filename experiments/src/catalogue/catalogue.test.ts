import { getBackbone, listFamilies } from '@scaling-lab/backbones';
import { profileModel } from '@scaling-lab/core';
import { type ScaleRequest, scaleSpec, STRATEGIES } from '@scaling-lab/scaling';
import { useQuietCpuBackend } from '../cli/tf-setup';
import { getExperiment, listExperiments, planRuns, shardRuns } from './experiments';
import { PRESETS } from './presets';

describe('experiment catalogue', () => {
  beforeAll(() => useQuietCpuBackend());

  it('has <family>-<strategy> and <family>-all for every registered family', () => {
    const names = listExperiments().map((e) => e.name);
    for (const family of listFamilies().keys()) {
      for (const s of [...STRATEGIES, 'all']) expect(names).toContain(`${family}-${s}`);
    }
    expect(names).toContain('resnet-compound');
    expect(getExperiment('resnet-compound').backbone).toBe('resnet-50');
    expect(getExperiment('efficientnet-depth').backbone).toBe('efficientnet-b0');
  });

  it('names the known experiments when one is unknown', () => {
    expect(() => getExperiment('resnet-sideways')).toThrow(
      /unknown experiment 'resnet-sideways'; choose one of: .*resnet-compound/,
    );
  });

  it('plans the shared baseline once and one run per strategy and ratio', () => {
    const runs = planRuns(getExperiment('mobilenet-v2-all'), PRESETS.quick, 2);
    const ratios = PRESETS.quick.ratios.filter((k) => k !== 1).length;
    expect(runs).toHaveLength(2 + 2 * 4 * ratios);
    expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
    const baseline = runs.filter((r) => r.step === 1);
    expect(baseline.map((r) => r.key)).toEqual(['baseline-s0', 'baseline-s1']);
    expect(baseline[0].strategies).toEqual(STRATEGIES);
  });

  it("solves each ladder step: only the strategy's knob moves, and the reached ratio is that of the built model", () => {
    const runs = planRuns(getExperiment('resnet-all'), PRESETS.quick);
    const backbone = getBackbone('resnet-50');
    const base = scaleSpec(backbone, PRESETS.quick.baseline);
    const flops = (request: ScaleRequest) => {
      const model = backbone.build(scaleSpec(backbone, request), { numClasses: 10, inputChannels: 1 });
      try {
        return profileModel(model).flops;
      } finally {
        model.dispose();
      }
    };
    const baseFlops = flops(PRESETS.quick.baseline);
    for (const run of runs.filter((r) => r.step > 1)) {
      const spec = scaleSpec(backbone, run.request);
      const repeats = (s: typeof spec) => s.stages.map((st) => st.repeats);
      const channels = (s: typeof spec) => [s.stem, ...s.stages.map((st) => st.channels)];
      if (run.strategy !== 'depth' && run.strategy !== 'compound') expect(repeats(spec)).toEqual(repeats(base));
      if (run.strategy !== 'width' && run.strategy !== 'compound') expect(channels(spec)).toEqual(channels(base));
      if (run.strategy !== 'resolution' && run.strategy !== 'compound') expect(spec.resolution).toBe(base.resolution);
      expect(run.ladder.targetRatio).toBe(run.step);
      expect(run.ladder.flops).toBe(flops(run.request));
      expect(run.ladder.reachedRatio).toBeCloseTo(run.ladder.flops / baseFlops, 12);
      expect(run.ladder.onTarget).toBe(Math.abs(run.ladder.reachedRatio / run.step - 1) <= 0.05);
      expect(run.ladder.offTargetReason === null).toBe(run.ladder.onTarget);
    }
    // Depth ×4 of ResNet-50 needs more than d = 4 to reach ×4 (the stem and head do not deepen).
    const depth4 = runs.find((r) => r.strategy === 'depth' && r.step === 4)!;
    expect(depth4.ladder.knobValue).toBeGreaterThan(4);
    expect(depth4.ladder.onTarget).toBe(true);
  });

  it('shards partition the sweep deterministically', () => {
    const runs = planRuns(getExperiment('resnet-all'), PRESETS.quick, 3);
    const shards = [1, 2, 3].map((i) => shardRuns(runs, i, 3));
    expect(
      shards
        .flat()
        .map((r) => r.key)
        .sort(),
    ).toEqual(runs.map((r) => r.key).sort());
    expect(shardRuns(runs, 2, 3)).toEqual(shards[1]);
  });
});

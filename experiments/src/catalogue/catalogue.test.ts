import * as fs from 'node:fs';
import { getBackbone, listFamilies } from '@scaling-lab/backbones';
import { scaleSpec, STRATEGIES } from '@scaling-lab/scaling';
import { PROJECT_JSON, syncedProjectJson } from '../cli/commands/sync-targets';
import { getExperiment, listExperiments, planRuns, shardRuns } from './experiments';
import { PRESETS } from './presets';

describe('experiment catalogue', () => {
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
    expect(() => getExperiment('resnet-sideways')).toThrow(/unknown experiment 'resnet-sideways'; choose one of: .*resnet-compound/);
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

  it('ladder steps grow FLOPs-relevant knobs as the strategy says', () => {
    const runs = planRuns(getExperiment('resnet-all'), PRESETS.quick);
    const backbone = getBackbone('resnet-50');
    const at = (strategy: string, step: number) => runs.find((r) => r.strategy === strategy && r.step === step)!;
    const base = scaleSpec(backbone, PRESETS.quick.baseline);
    expect(scaleSpec(backbone, at('depth', 4).request).stages.map((s) => s.repeats)).toEqual(base.stages.map((s) => s.repeats * 4));
    expect(scaleSpec(backbone, at('width', 4).request).stem).toBe(2 * base.stem);
    expect(scaleSpec(backbone, at('resolution', 4).request).resolution).toBe(2 * base.resolution);
    expect(at('compound', 4).request.phi).toBeCloseTo(2);
  });

  it('shards partition the sweep deterministically', () => {
    const runs = planRuns(getExperiment('resnet-all'), PRESETS.quick, 3);
    const shards = [1, 2, 3].map((i) => shardRuns(runs, i, 3));
    expect(shards.flat().map((r) => r.key).sort()).toEqual(runs.map((r) => r.key).sort());
    expect(shardRuns(runs, 2, 3)).toEqual(shards[1]);
  });
});

describe('experiments/project.json', () => {
  it("has one cached nx target per experiment (run 'npx scaling-lab sync-targets' after adding a backbone)", () => {
    const current = fs.readFileSync(PROJECT_JSON, 'utf8');
    expect(syncedProjectJson(current)).toBe(current);
    const targets = JSON.parse(current).targets;
    for (const e of listExperiments()) {
      expect(targets[e.name].cache).toBe(true);
      expect(targets[e.name].options.command).toContain(`run ${e.name}`);
    }
  });
});

import * as path from 'node:path';
import { runKey } from '@scaling-lab/run-record';
import { parseExperimentConfig } from '../catalogue/config-file';
import { getExperiment, planRuns } from '../catalogue/experiments';
import { PRESETS } from '../catalogue/presets';
import { resolveExperiment } from '../cli/commands/run';
import { defaultStoreDir, reportDir } from '../paths';
import { plannedSpec } from './run-spec';

describe('plannedSpec', () => {
  it('carries the requested knob per strategy line and the model resolved to pixels', () => {
    const runs = planRuns(getExperiment('resnet-all'), PRESETS.quick);
    const byKey = new Map(runs.map((r) => [r.key, plannedSpec(r, PRESETS.quick)]));
    expect(byKey.get('baseline-s0')!.lines).toEqual([
      { strategy: 'depth', requested: 1 },
      { strategy: 'width', requested: 1 },
      { strategy: 'resolution', requested: 1 },
      { strategy: 'compound', requested: 0 },
    ]);
    // Every other run carries the solver's requested knob and the model it solved for.
    for (const run of runs.filter((r) => r.step !== 1)) {
      const spec = byKey.get(run.key)!;
      expect(spec.lines).toEqual([{ strategy: run.strategy, requested: run.ladder.knobValue }]);
      expect(spec).toMatchObject({ targetRatio: run.ladder.targetRatio, onTarget: run.ladder.onTarget });
      expect(spec.scale.resolution).toBe(run.ladder.resolution);
    }
    const width = byKey.get('width-x2-s0')!;
    expect(width.scale.width).toBeCloseTo(0.25 * width.lines[0].requested!, 10);
    expect(width).toMatchObject({
      preset: 'quick',
      step: 2,
      targetRatio: 2,
      dataset: { name: 'fashion-mnist', limitTrain: null },
    });
  });

  it('gives a changed recipe another identity, and the same recipe the same one', () => {
    const experiment = getExperiment('resnet-compound');
    const [baseline] = planRuns(experiment, PRESETS.smoke);
    const longer = { ...PRESETS.smoke, training: { ...PRESETS.smoke.training, epochs: 3 } };
    expect(runKey(plannedSpec(baseline, PRESETS.smoke))).toBe(runKey(plannedSpec(baseline, PRESETS.smoke)));
    expect(runKey(plannedSpec(baseline, longer))).not.toBe(runKey(plannedSpec(baseline, PRESETS.smoke)));
  });
});

describe('a custom config named like a catalogue experiment', () => {
  it('gets its own store and report, apart from the catalogue experiment', () => {
    const parsed = parseExperimentConfig({ name: 'resnet-compound', backbone: 'resnet-50', preset: 'quick' }, 'x.json');
    expect(parsed.experiment.name).toBe('resnet-compound');
    expect(resolveExperiment('resnet-compound', {}).custom).toBe(false);
    expect(defaultStoreDir('resnet-compound', 'custom')).not.toBe(defaultStoreDir('resnet-compound', 'quick'));
    expect(reportDir('/r', 'resnet-compound', 'custom')).toBe(path.join('/r', 'custom', 'resnet-compound'));
    expect(reportDir('/r', 'resnet-compound', 'quick')).toBe(path.join('/r', 'resnet-compound'));
  });
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadExperimentConfig, parseExperimentConfig } from './config-file';
import { planRuns } from './experiments';
import { PRESETS } from './presets';

const valid = {
  name: 'mnv2-wide',
  backbone: 'mobilenet-v2',
  strategies: ['width', 'compound'],
  ratios: [1, 2, 4, 8],
  baseline: { width: 0.5 },
  seeds: 2,
  coefficients: { alpha: 1.3, beta: 1.05, gamma: 1.15 },
  training: { epochs: 3 },
};

describe('experiment config files', () => {
  it('turns a valid file into an experiment and a preset built on the base preset', () => {
    const { experiment, preset } = parseExperimentConfig(valid, 'x.json');
    expect(experiment).toMatchObject({
      name: 'mnv2-wide',
      backbone: 'mobilenet-v2',
      strategies: ['width', 'compound'],
    });
    expect(preset.ratios).toEqual([1, 2, 4, 8]);
    expect(preset.baseline).toMatchObject({ width: 0.5, resolution: PRESETS.quick.baseline.resolution });
    expect(preset.training.epochs).toBe(3);
    expect(preset.training.batchSize).toBe(PRESETS.quick.training.batchSize);
    const runs = planRuns(experiment, preset);
    expect(runs).toHaveLength(2 * (1 + 2 * 3));
    // The file's coefficients drive the compound ladder.
    expect(runs.find((r) => r.strategy === 'compound' && r.step === 2)?.request.coefficients).toEqual(
      valid.coefficients,
    );
  });

  it.each([
    [{ ...valid, name: 'Bad Name' }, /'name' must be lowercase/],
    [{ ...valid, backbone: 'nope' }, /'backbone' must be one of .*resnet-50.*; got "nope"/],
    [
      { ...valid, strategies: ['sideways'] },
      /'strategies' must be a non-empty list of depth, width, resolution, compound/,
    ],
    [{ ...valid, ratios: [2, 4] }, /'ratios' must be increasing FLOPs ratios starting at 1/],
    [{ ...valid, baseline: { width: 0 } }, /'baseline.width' must be a number in \[0.05, 16\]; got 0/],
    [{ ...valid, baseline: { resolution: 15 } }, /'baseline.resolution' must be at least 16 px/],
    [{ ...valid, training: { epochs: -1 } }, /'training.epochs' must be an integer >= 1; got -1/],
    [{ ...valid, training: { optimiser: 'adam' } }, /'training.optimiser' is not a known field/],
    [{ ...valid, extra: 1 }, /'extra' is not a known field/],
    [[1, 2], /must be a JSON object/],
  ])('refuses %j in one line naming the field', (config, message) => {
    expect(() => parseExperimentConfig(config, 'x.json')).toThrow(message);
    try {
      parseExperimentConfig(config, 'x.json');
    } catch (error) {
      expect((error as Error).message).toMatch(/^--config x\.json: /);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('names the file when it is missing or not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ "name": ');
    expect(() => loadExperimentConfig(bad)).toThrow(/bad\.json: not valid JSON/);
    expect(() => loadExperimentConfig(path.join(dir, 'missing.json'))).toThrow(
      /missing\.json: cannot read it \(ENOENT\)/,
    );
  });
});

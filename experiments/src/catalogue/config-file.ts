/**
 * Custom experiments from a JSON file (`scaling-lab run --config my-experiment.json`): the same data as a
 * catalogue entry plus preset overrides. Every field is checked at this boundary and a bad one is
 * reported in one line naming the file, the field, the value and what is allowed.
 */
import * as fs from 'node:fs';
import { backboneIds, getBackbone } from '@scaling-lab/backbones';
import { type CompoundCoefficients, minimumResolution, STRATEGIES, type StrategyId } from '@scaling-lab/scaling';
import { UsageError } from '../cli/errors';
import type { Experiment } from './experiments';
import { type Preset, PRESET_IDS, PRESETS, type PresetId, type TrainingSettings } from './presets';

export interface ExperimentConfig {
  readonly experiment: Experiment;
  readonly preset: Preset;
}

type Json = Record<string, unknown>;

export function loadExperimentConfig(file: string): ExperimentConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--config ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${file}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return parseExperimentConfig(raw, file);
}

export function parseExperimentConfig(raw: unknown, file: string): ExperimentConfig {
  const fail = (field: string, problem: string): never => {
    throw new UsageError(`--config ${file}: '${field}' ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('(top level)', 'must be a JSON object');
  const c = raw as Json;
  const known = [
    'name',
    'backbone',
    'strategies',
    'preset',
    'dataset',
    'ratios',
    'baseline',
    'seeds',
    'coefficients',
    'training',
  ];
  for (const key of Object.keys(c))
    if (!known.includes(key)) fail(key, `is not a known field; allowed: ${known.join(', ')}`);

  const name = c.name;
  if (typeof name !== 'string' || !/^[a-z][a-z0-9-]*$/.test(name))
    fail('name', `must be lowercase letters, digits and dashes, got ${JSON.stringify(name)}`);
  const backbone = c.backbone;
  if (typeof backbone !== 'string' || !backboneIds().includes(backbone)) {
    fail('backbone', `must be one of ${backboneIds().join(', ')}; got ${JSON.stringify(backbone)}`);
  }
  const strategies = c.strategies ?? STRATEGIES;
  if (
    !Array.isArray(strategies) ||
    strategies.length === 0 ||
    !strategies.every((s) => (STRATEGIES as readonly unknown[]).includes(s))
  ) {
    fail('strategies', `must be a non-empty list of ${STRATEGIES.join(', ')}; got ${JSON.stringify(c.strategies)}`);
  }
  const presetId = (c.preset ?? 'quick') as PresetId;
  if (!PRESET_IDS.includes(presetId))
    fail('preset', `must be one of ${PRESET_IDS.join(', ')}; got ${JSON.stringify(c.preset)}`);
  const base = PRESETS[presetId];

  const ratios = c.ratios ?? base.ratios;
  if (
    !Array.isArray(ratios) ||
    ratios[0] !== 1 ||
    !ratios.every((k, i) => typeof k === 'number' && k >= 1 && (i === 0 || k > ratios[i - 1]))
  ) {
    fail('ratios', `must be increasing FLOPs ratios starting at 1, e.g. [1, 2, 4]; got ${JSON.stringify(c.ratios)}`);
  }
  const seeds = c.seeds ?? base.seeds;
  if (!Number.isInteger(seeds) || (seeds as number) < 1 || (seeds as number) > 100)
    fail('seeds', `must be an integer in [1, 100]; got ${JSON.stringify(c.seeds)}`);
  const dataset = c.dataset ?? base.dataset;
  if (typeof dataset !== 'string' || !/^(fashion-mnist|synthetic|folder:.+)$/.test(dataset)) {
    fail('dataset', `must be fashion-mnist, synthetic or folder:<dir>; got ${JSON.stringify(c.dataset)}`);
  }

  const baseline = { ...base.baseline } as Record<string, number | undefined>;
  if (c.baseline !== undefined) {
    if (typeof c.baseline !== 'object' || c.baseline === null)
      fail('baseline', 'must be an object like {"width": 0.5, "resolution": 32}');
    for (const [key, value] of Object.entries(c.baseline as Json)) {
      const limits: Record<string, [number, number]> = { depth: [0.05, 16], width: [0.05, 16], resolution: [8, 4096] };
      if (!(key in limits)) fail(`baseline.${key}`, 'is not a known field; allowed: depth, width, resolution');
      const [lo, hi] = limits[key];
      if (typeof value !== 'number' || !(value >= lo && value <= hi))
        fail(`baseline.${key}`, `must be a number in [${lo}, ${hi}]; got ${JSON.stringify(value)}`);
      baseline[key] = value as number;
    }
  }
  const minimum = minimumResolution(getBackbone(backbone as string));
  if (baseline.resolution !== undefined && baseline.resolution < minimum) {
    fail(
      'baseline.resolution',
      `must be at least ${minimum} px (half ${backbone}'s total stride); got ${baseline.resolution}`,
    );
  }

  let coefficients: CompoundCoefficients | undefined;
  if (c.coefficients !== undefined) {
    const k = c.coefficients as Json;
    for (const key of ['alpha', 'beta', 'gamma']) {
      if (typeof k?.[key] !== 'number' || !((k[key] as number) >= 1 && (k[key] as number) <= 4)) {
        fail(`coefficients.${key}`, `must be a number in [1, 4]; got ${JSON.stringify(k?.[key])}`);
      }
    }
    coefficients = { alpha: k.alpha as number, beta: k.beta as number, gamma: k.gamma as number };
  }

  const training = { ...base.training } as Record<string, unknown>;
  if (c.training !== undefined) {
    if (typeof c.training !== 'object' || c.training === null) fail('training', 'must be an object like {"epochs": 2}');
    for (const [key, value] of Object.entries(c.training as Json)) {
      if (!(key in base.training) && !['limitTrain', 'limitTest'].includes(key)) {
        fail(
          `training.${key}`,
          `is not a known field; allowed: ${[...Object.keys(base.training), 'limitTrain', 'limitTest'].filter((v, i, a) => a.indexOf(v) === i).join(', ')}`,
        );
      }
      checkTrainingField(key, value, fail);
      training[key] = value;
    }
  }

  const experiment: Experiment = {
    name: name as string,
    family: getBackbone(backbone as string).family,
    backbone: backbone as string,
    strategies: strategies as StrategyId[],
    title: `${getBackbone(backbone as string).name}: ${(strategies as string[]).join(' vs ')} scaling (${name})`,
    coefficients,
  };
  const preset: Preset = {
    ...base,
    dataset: dataset as string,
    ratios: ratios as number[],
    seeds: seeds as number,
    baseline,
    training: training as unknown as TrainingSettings,
  };
  return { experiment, preset };
}

function checkTrainingField(key: string, value: unknown, fail: (field: string, problem: string) => never): void {
  const positiveInt = ['epochs', 'batchSize', 'limitTrain', 'limitTest'];
  if (positiveInt.includes(key) && !(Number.isInteger(value) && (value as number) >= 1))
    fail(`training.${key}`, `must be an integer >= 1; got ${JSON.stringify(value)}`);
  if (key === 'learningRate' && !(typeof value === 'number' && value > 0 && value <= 10))
    fail('training.learningRate', `must be a number in (0, 10]; got ${JSON.stringify(value)}`);
  if (['warmupEpochs', 'weightDecay'].includes(key) && !(typeof value === 'number' && value >= 0))
    fail(`training.${key}`, `must be a number >= 0; got ${JSON.stringify(value)}`);
  if (key === 'labelSmoothing' && !(typeof value === 'number' && value >= 0 && value < 1))
    fail('training.labelSmoothing', `must be a number in [0, 1); got ${JSON.stringify(value)}`);
  if (key === 'optimizer' && !['adam', 'sgd', 'rmsprop'].includes(value as string))
    fail('training.optimizer', `must be adam, sgd or rmsprop; got ${JSON.stringify(value)}`);
  if (key === 'schedule' && !['cosine', 'step', 'constant'].includes(value as string))
    fail('training.schedule', `must be cosine, step or constant; got ${JSON.stringify(value)}`);
  if (key === 'zeroInitResidual' && typeof value !== 'boolean')
    fail('training.zeroInitResidual', `must be true or false; got ${JSON.stringify(value)}`);
  if (key === 'augment' && !(Array.isArray(value) && value.every((a) => a === 'flip' || a === 'crop')))
    fail('training.augment', `must be a list of flip, crop; got ${JSON.stringify(value)}`);
}

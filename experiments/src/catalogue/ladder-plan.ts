/**
 * Solves an experiment's FLOPs-matched ladder under a preset (see @scaling-lab/scaling's ladder solver):
 * every strategy's knob at every target ratio, measured on weight-free builds of the real backbone with
 * the preset's input channels and class count. Solutions are cached per process, so planning, the
 * dry-run and the report share one solve.
 */
import { getBackbone } from '@scaling-lab/backbones';
import {
  type CompoundCoefficients,
  DEFAULT_RATIO_TOLERANCE,
  type SolvedLadder,
  solveLadder,
  weightFreeCounter,
} from '@scaling-lab/scaling';
import type { Experiment } from './experiments';
import type { Preset } from './presets';

/** Classes of the preset's dataset: Fashion-MNIST and the synthetic set have 10, an ImageNet folder 1000. */
export function planningClasses(preset: Preset): number {
  return preset.dataset.startsWith('folder:') ? 1000 : 10;
}

const solved = new Map<string, SolvedLadder>();

export function solveExperimentLadder(
  experiment: Pick<Experiment, 'backbone' | 'strategies' | 'coefficients'>,
  preset: Preset,
  tolerance = DEFAULT_RATIO_TOLERANCE,
): SolvedLadder {
  const key = JSON.stringify([
    experiment.backbone,
    experiment.strategies,
    experiment.coefficients ?? null,
    preset.baseline,
    preset.ratios,
    preset.channels,
    planningClasses(preset),
    tolerance,
  ]);
  let ladder = solved.get(key);
  if (!ladder) {
    const backbone = getBackbone(experiment.backbone);
    const count = weightFreeCounter(backbone, { numClasses: planningClasses(preset), inputChannels: preset.channels });
    ladder = solveLadder(experiment.strategies, preset.ratios, {
      backbone,
      baseline: preset.baseline,
      count,
      tolerance,
      coefficients: experiment.coefficients as CompoundCoefficients | undefined,
    });
    solved.set(key, ladder);
  }
  return ladder;
}

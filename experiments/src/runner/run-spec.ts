/**
 * Builds run specs (@scaling-lab/run-record): from a planned ladder run for the runner's child processes,
 * and from `train` flags for a stand-alone run. The input size is resolved to pixels here (a pixel
 * baseline × the ladder's multiplier, γ^φ included, rounded by the backbone's rule), so the trainer builds
 * exactly the model the plan describes and the run's identity names that model.
 */
import type { Backbone, StageSpec } from '@scaling-lab/core';
import { getBackbone } from '@scaling-lab/core';
import { type RunSpec, RunSpecSchema, type Scale } from '@scaling-lab/run-record';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import type { PlannedRun } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';

/** A scale request as the spec stores it: pixels instead of multipliers, coefficients only with φ. */
export function specScale(backbone: Backbone<StageSpec>, request: ScaleRequest): Scale {
  const { resolution } = scaleSpec(backbone, request);
  const compound = request.phi !== undefined && request.phi !== 0;
  return {
    ...(request.depth !== undefined ? { depth: request.depth } : {}),
    ...(request.width !== undefined ? { width: request.width } : {}),
    resolution,
    ...(compound ? { phi: request.phi } : {}),
    ...(compound && request.coefficients ? { coefficients: { ...request.coefficients } } : {}),
  };
}

/** The baseline's knob on a strategy line: multipliers of 1, φ = 0; null on a line that is not a ladder strategy. */
export function neutralKnob(strategy: string): number | null {
  if (strategy === 'depth' || strategy === 'width' || strategy === 'resolution') return 1;
  return strategy === 'compound' ? 0 : null;
}

/** The spec a planned run's child trains; validated here so a bad plan fails before any child starts. */
export function plannedSpec(run: PlannedRun, preset: Preset): RunSpec {
  return RunSpecSchema.parse(plannedSpecInput(run, preset));
}

/** A planned run's spec before validation (validate-plan.ts reports its first bad field). */
export function plannedSpecInput(run: PlannedRun, preset: Preset): RunSpec {
  const backbone = getBackbone(run.backbone);
  const t = preset.training;
  return {
    experiment: run.experiment,
    preset: preset.id,
    step: run.step,
    targetRatio: run.ladder.targetRatio,
    onTarget: run.ladder.onTarget,
    lines: run.strategies.map((strategy) => ({
      strategy,
      requested: run.ladder.knob === null ? neutralKnob(strategy) : run.ladder.knobValue,
    })),
    baseline: specScale(backbone, preset.baseline),
    backbone: run.backbone,
    scale: specScale(backbone, run.request),
    dataset: {
      name: preset.dataset,
      channels: preset.channels,
      limitTrain: t.limitTrain ?? null,
      limitTest: t.limitTest ?? null,
    },
    recipe: {
      epochs: t.epochs,
      batchSize: t.batchSize,
      optimizer: t.optimizer,
      learningRate: t.learningRate,
      schedule: t.schedule,
      warmupEpochs: t.warmupEpochs,
      labelSmoothing: t.labelSmoothing,
      weightDecay: t.weightDecay,
      augment: [...t.augment],
      zeroInitResidual: t.zeroInitResidual,
    },
    seed: run.seed,
  };
}

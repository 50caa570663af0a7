/**
 * The expected runtime of a sweep's plan: each run's one-core time from the cost model (its model's
 * shape and the preset's images), then the runner's packing of runs onto workers and cores.
 */
import { getBackbone } from '@scaling-lab/backbones';
import { planningClasses } from '../catalogue/ladder-plan';
import type { PlannedRun } from '../catalogue/experiments';
import type { Preset } from '../catalogue/presets';
import { COST_CONSTANTS, type CostConstants, type ModelShape, runSeconds, secondsPerImage } from './cost-model';
import { modelShape } from './model-shape';
import { packRuns } from './pack-runs';
import { presetRunWork } from './run-work';

export interface PlanEstimate {
  /** Expected wall seconds of each run, by run key, as the sweep packs them. */
  readonly runSeconds: ReadonlyMap<string, number>;
  /** Expected one-core seconds of each run (its share of the work, whatever the packing). */
  readonly oneCoreSeconds: ReadonlyMap<string, number>;
  /** Expected one-core seconds per training image of each run. */
  readonly secondsPerImage: ReadonlyMap<string, number>;
  readonly total: {
    readonly seconds: number;
    readonly runs: number;
    readonly jobs: number;
    readonly cores: number;
    /** The backend the cost constants were measured on. */
    readonly backend: string;
  };
}

export interface EstimateOptions {
  readonly jobs: number;
  readonly cores: number;
  readonly constants?: CostConstants;
  /** Model shape of a planned run (default: a weight-free build of the run's backbone for the preset's data). */
  readonly shapeOf?: (run: PlannedRun) => ModelShape;
}

/** Null when the preset's dataset size is unknown before reading it (an image folder). */
export function estimatePlan(
  runs: readonly PlannedRun[],
  preset: Preset,
  options: EstimateOptions,
): PlanEstimate | null {
  const work = presetRunWork(preset);
  if (work === null) return null;
  const constants = options.constants ?? COST_CONSTANTS;
  const shapes = new Map<string, ModelShape>();
  const shapeOf =
    options.shapeOf ??
    ((run: PlannedRun) => {
      // Seeds share a model: profile each distinct request once.
      const id = JSON.stringify([run.backbone, run.request]);
      let shape = shapes.get(id);
      if (!shape) {
        const buildOptions = { numClasses: planningClasses(preset), inputChannels: preset.channels };
        shapes.set(id, (shape = modelShape(getBackbone(run.backbone), run.request, buildOptions)));
      }
      return shape;
    });
  const oneCore = runs.map((run) => runSeconds(shapeOf(run), work, constants));
  const perImage = runs.map((run) => secondsPerImage(shapeOf(run), work.batchSize, constants));
  const packed = packRuns(oneCore, {
    jobs: options.jobs,
    cores: options.cores,
    allCoresSpeedup: constants.allCoresSpeedup,
  });
  return {
    runSeconds: new Map(runs.map((run, i) => [run.key, packed.runSeconds[i]])),
    oneCoreSeconds: new Map(runs.map((run, i) => [run.key, oneCore[i]])),
    secondsPerImage: new Map(runs.map((run, i) => [run.key, perImage[i]])),
    total: {
      seconds: packed.totalSeconds,
      runs: runs.length,
      jobs: Math.max(1, Math.min(options.jobs, runs.length)),
      cores: options.cores,
      backend: constants.backend,
    },
  };
}

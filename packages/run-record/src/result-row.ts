/**
 * The result row: one per strategy line of a finished run, in the store (`runs/<point>.json`), in
 * `results.csv` and in every report. It is the run spec (requested knob value included) plus what was
 * measured — built by `toResultRows`, never assembled by hand — and RESULT_COLUMNS, the CSV column order,
 * is the schema's own field order.
 */
import { z } from 'zod';
import { MeasuredSchema, type RunResult } from './measured';
import { RecipeSchema } from './recipe';
import { ScaleSchema } from './run-spec';

/** Measured fields are the measurement schema's own; the row only fixes their column order. */
const measuredField = MeasuredSchema.shape;

export const ResultRowSchema = z.strictObject({
  experiment: z.string().min(1),
  backbone: z.string().min(1),
  strategy: z.string().min(1),
  /** The ladder step: nominal FLOPs ratio k (1, 2, 4, ...). */
  step: z.number().positive(),
  /** The strategy's knob as the ladder requested it, relative to the baseline (d×, w×, r×, or φ). */
  requested: z.number().nullable(),
  /** FLOPs ratio aimed at, and reached (built model's multiply-adds over the baseline's). */
  targetRatio: z.number().positive(),
  reachedRatio: z.number().positive().nullable(),
  /** Whether the ladder solver placed the point within its tolerance of the target; null when not planned by one. */
  onTarget: z.boolean().nullable(),
  depth: measuredField.depth,
  width: measuredField.width,
  /** Input size in pixels actually used. */
  resolution: measuredField.resolution,
  phi: measuredField.phi,
  /** Trainable parameters. */
  params: measuredField.params,
  /** Multiply-adds actually reached after rounding. */
  flops: measuredField.flops,
  /** Fractions in [0, 1]. */
  top1: measuredField.top1,
  top5: measuredField.top5,
  loss: measuredField.loss,
  trainLoss: measuredField.trainLoss,
  trainAccuracy: measuredField.trainAccuracy,
  epochs: measuredField.epochs,
  imagesSeen: measuredField.imagesSeen,
  seconds: measuredField.seconds,
  imgPerSec: measuredField.imgPerSec,
  backend: measuredField.backend,
  seed: z.number().int().min(0),
  /** The dataset as planned: 'fashion-mnist', 'synthetic' or 'folder:<dir>'. */
  dataset: z.string().min(1),
  channels: measuredField.channels,
  limitTrain: z.number().int().positive().nullable(),
  limitTest: z.number().int().positive().nullable(),
  preset: z.string().min(1),
  recipe: RecipeSchema,
  /** The scale request the model was built from (input size in pixels). */
  scale: ScaleSchema,
  gitCommit: measuredField.gitCommit,
  startedAt: measuredField.startedAt,
  finishedAt: measuredField.finishedAt,
  /** The run's identity (see runKey); rows of one run on several strategy lines share it. */
  runKey: z.string().regex(/^[0-9a-f]{16}$/),
});

export type ResultRow = z.infer<typeof ResultRowSchema>;
export type ResultColumn = keyof ResultRow;

/** Column order of results.csv: the schema's field order. */
export const RESULT_COLUMNS = Object.keys(ResultRowSchema.shape) as ResultColumn[];

/** A run result without its place in an experiment cannot become store rows. */
export class NotPlannedError extends Error {
  constructor(field: string) {
    super(`the run spec has no ${field}: only runs planned by an experiment become result rows`);
  }
}

/** The store rows of one finished run: the spec's placement, identity and recipe plus the measurements. */
export function toResultRows({ runKey, spec, measured: m }: RunResult): ResultRow[] {
  if (spec.experiment === null) throw new NotPlannedError('experiment');
  if (spec.preset === null) throw new NotPlannedError('preset');
  if (spec.step === null) throw new NotPlannedError('step');
  if (spec.lines.length === 0) throw new NotPlannedError('strategy line');
  const { experiment, preset, step } = spec;
  const reachedRatio = m.baselineFlops ? m.flops / m.baselineFlops : null;
  return spec.lines.map((line) =>
    ResultRowSchema.parse({
      experiment,
      backbone: spec.backbone,
      strategy: line.strategy,
      step,
      requested: line.requested,
      targetRatio: spec.targetRatio ?? step,
      reachedRatio,
      onTarget: spec.onTarget,
      depth: m.depth,
      width: m.width,
      resolution: m.resolution,
      phi: m.phi,
      params: m.params,
      flops: m.flops,
      top1: m.top1,
      top5: m.top5,
      loss: m.loss,
      trainLoss: m.trainLoss,
      trainAccuracy: m.trainAccuracy,
      epochs: m.epochs,
      imagesSeen: m.imagesSeen,
      seconds: m.seconds,
      imgPerSec: m.imgPerSec,
      backend: m.backend,
      seed: spec.seed,
      dataset: spec.dataset.name,
      channels: m.channels,
      limitTrain: spec.dataset.limitTrain,
      limitTest: spec.dataset.limitTest,
      preset,
      recipe: spec.recipe,
      scale: spec.scale,
      gitCommit: m.gitCommit,
      startedAt: m.startedAt,
      finishedAt: m.finishedAt,
      runKey,
    }),
  );
}

/** Where a row sits in its experiment: strategy line, ladder step and seed (its file name in the store). */
export function pointKey(point: { strategy: string; step: number; seed: number }): string {
  return `${point.strategy}-${point.step}-${point.seed}`;
}

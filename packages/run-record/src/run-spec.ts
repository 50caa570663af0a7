/**
 * The run spec: everything a trainer needs to know to train one run and everything that decides its
 * result, written by the runner as a JSON file and validated by the trainer (`scaling-lab train --spec`).
 * The ladder placement (experiment, step, strategy lines with their requested knob values) travels with
 * it so the result rows carry the plan's own numbers instead of recomputing them.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { RecipeSchema } from './recipe';

const multiplier = z.number().positive().max(LIMITS.multiplier.max);
const pixels = z.number().int().min(LIMITS.resolution.min).max(LIMITS.resolution.max);

export const CoefficientsSchema = z.strictObject({
  alpha: z.number().positive().max(LIMITS.coefficient.max),
  beta: z.number().positive().max(LIMITS.coefficient.max),
  gamma: z.number().positive().max(LIMITS.coefficient.max),
});

/** A scale request with the input size resolved to pixels (γ^φ included), so the trainer builds exactly this model. */
export const ScaleSchema = z.strictObject({
  depth: multiplier.optional(),
  width: multiplier.optional(),
  resolution: pixels,
  phi: z.number().min(LIMITS.phi.min).max(LIMITS.phi.max).optional(),
  coefficients: CoefficientsSchema.optional(),
});

export const DATASET_PATTERN = /^(fashion-mnist|synthetic|folder:.+)$/;

export const DatasetSchema = z.strictObject({
  /** 'fashion-mnist', 'synthetic' or 'folder:<dir>'. */
  name: z.string().regex(DATASET_PATTERN, 'must be fashion-mnist, synthetic or folder:<dir>'),
  /** Model input channels; null: the dataset's own. */
  channels: z.union([z.literal(1), z.literal(3)]).nullable(),
  limitTrain: z.number().int().min(LIMITS.limit.min).max(LIMITS.limit.max).nullable(),
  limitTest: z.number().int().min(LIMITS.limit.min).max(LIMITS.limit.max).nullable(),
});

/** One strategy line a run's result is stored under, with the knob value the ladder asked for on it. */
export const LineSchema = z.strictObject({
  strategy: z.string().min(1),
  /** The strategy's knob relative to the baseline: d×, w×, r× multipliers or φ (null when none applies). */
  requested: z.number().finite().nullable(),
});

export const RunSpecSchema = z.strictObject({
  /** Experiment name; null for a stand-alone `scaling-lab train`. */
  experiment: z.string().min(1).nullable(),
  /** Preset id the run was planned under; null for a stand-alone run. */
  preset: z.string().min(1).nullable(),
  /** The ladder step: nominal FLOPs ratio k of the rung (null for a stand-alone run). */
  step: z.number().positive().nullable(),
  /** FLOPs ratio the run aims at (the ladder solver may refine it; nominally the step). */
  targetRatio: z.number().positive().nullable(),
  /** Whether the planned model's FLOPs ratio is within the ladder's tolerance of the target (null: no ladder). */
  onTarget: z.boolean().nullable(),
  /** The strategy lines this run's result is stored under (the shared ×1 baseline belongs to several). */
  lines: z.array(LineSchema),
  /** The ladder's ×1 point, profiled by the trainer to measure the reached FLOPs ratio. */
  baseline: ScaleSchema.nullable(),
  backbone: z.string().min(1),
  scale: ScaleSchema,
  dataset: DatasetSchema,
  recipe: RecipeSchema,
  seed: z.number().int().min(LIMITS.seed.min).max(LIMITS.seed.max),
});

export type Coefficients = z.infer<typeof CoefficientsSchema>;
export type Scale = z.infer<typeof ScaleSchema>;
export type DatasetRef = z.infer<typeof DatasetSchema>;
export type Line = z.infer<typeof LineSchema>;
export type RunSpec = z.infer<typeof RunSpecSchema>;

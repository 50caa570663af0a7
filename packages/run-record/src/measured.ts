/**
 * What a training run measured, and the trainer's output file (`result.json`): the spec it was given, its
 * runKey and the measurements. A metric that was not measured is null, never 0.
 */
import { z } from 'zod';
import { RunSpecSchema } from './run-spec';

const count = z.number().int().min(0);
const fraction = z.number().min(0).max(1);
const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp');

export const MeasuredSchema = z.strictObject({
  /** Multipliers and input size the built model actually has (after compound scaling and rounding). */
  depth: z.number().positive(),
  width: z.number().positive(),
  resolution: z.number().int().positive(),
  phi: z.number().nullable(),
  /** Trainable parameters. */
  params: count,
  /** Multiply-adds of the built model. */
  flops: count,
  /** Multiply-adds of the ladder's ×1 model built the same way; null when the spec has no baseline. */
  baselineFlops: count.nullable(),
  top1: fraction,
  top5: fraction,
  /** Test-split cross-entropy (unsmoothed labels). */
  loss: z.number().min(0),
  /** Final epoch's mean training loss (with label smoothing) and accuracy. */
  trainLoss: z.number().nullable(),
  trainAccuracy: fraction.nullable(),
  epochs: count,
  imagesSeen: count,
  /** Training time (steps only), summed over resumed sessions. */
  seconds: z.number().min(0),
  /** Null when no training time was measured. */
  imgPerSec: z.number().positive().nullable(),
  backend: z.string().min(1),
  backendReason: z.string(),
  /** The dataset's own name (e.g. 'synthetic-10c-28px-1ch'), input channels used and test images evaluated. */
  datasetName: z.string().min(1),
  channels: z.number().int().positive(),
  testImages: z.number().int().positive(),
  resumedFrom: count.nullable(),
  gitCommit: z.string().nullable(),
  startedAt: timestamp,
  finishedAt: timestamp,
});

export const RunResultSchema = z.strictObject({
  runKey: z.string().regex(/^[0-9a-f]{16}$/),
  spec: RunSpecSchema,
  measured: MeasuredSchema,
});

export type Measured = z.infer<typeof MeasuredSchema>;
export type RunResult = z.infer<typeof RunResultSchema>;

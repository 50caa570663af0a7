/**
 * The training recipe of a run: everything the optimisation loop does with the data. Part of a run's
 * identity (runKey), so changing any field retrains instead of reusing an old result.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export const SCHEDULES = ['constant', 'cosine', 'step'] as const;
export const AUGMENTS = ['flip', 'crop'] as const;

export const RecipeSchema = z
  .strictObject({
    epochs: z.number().int().min(LIMITS.epochs.min).max(LIMITS.epochs.max),
    batchSize: z.number().int().min(LIMITS.batchSize.min).max(LIMITS.batchSize.max),
    optimizer: z.enum(OPTIMIZERS),
    learningRate: z.number().positive().max(LIMITS.learningRate.max),
    schedule: z.enum(SCHEDULES),
    warmupEpochs: z.number().min(0).max(LIMITS.epochs.max),
    labelSmoothing: z.number().min(LIMITS.labelSmoothing.min).max(LIMITS.labelSmoothing.max),
    weightDecay: z.number().min(LIMITS.weightDecay.min).max(LIMITS.weightDecay.max),
    augment: z.array(z.enum(AUGMENTS)),
    /** γ = 0 on every residual branch's last batch norm at initialisation; records older than the field had none. */
    zeroInitResidual: z.boolean().default(false),
  })
  .refine((r) => r.warmupEpochs <= r.epochs, {
    path: ['warmupEpochs'],
    message: 'must be at most epochs (warm-up cannot outlast training)',
  });

export type Recipe = z.infer<typeof RecipeSchema>;
export type OptimizerName = Recipe['optimizer'];
export type ScheduleName = Recipe['schedule'];
export type AugmentName = Recipe['augment'][number];

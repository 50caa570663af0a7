/**
 * Learning-rate schedules evaluated per step: linear warm-up from 0 (Goyal et al. 2017, "Accurate, Large
 * Minibatch SGD", Sec. 2.2) followed by a constant rate, cosine decay to 0 (Loshchilov & Hutter 2017, SGDR,
 * without restarts) or step decay (EfficientNet Sec. 5.2: ×0.97 every 2.4 epochs).
 */

export type ScheduleKind = 'constant' | 'cosine' | 'step';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['constant', 'cosine', 'step'];

/** EfficientNet Sec. 5.2: "learning rate ... decays by 0.97 every 2.4 epochs". */
export const STEP_DECAY_RATE = 0.97;
export const STEP_DECAY_EPOCHS = 2.4;

export interface Schedule {
  readonly kind: ScheduleKind;
  /** Peak rate, reached at the end of warm-up. */
  readonly baseRate: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly warmupSteps: number;
}

/** The rate for optimizer step `step` (0-based). Warm-up starts above 0 so the first step moves. */
export function learningRateAt(schedule: Schedule, step: number): number {
  const { kind, baseRate, stepsPerEpoch, totalSteps, warmupSteps } = schedule;
  if (step < warmupSteps) return (baseRate * (step + 1)) / warmupSteps;
  const after = step - warmupSteps;
  switch (kind) {
    case 'constant':
      return baseRate;
    case 'cosine': {
      const span = Math.max(1, totalSteps - warmupSteps);
      return 0.5 * baseRate * (1 + Math.cos((Math.PI * Math.min(after, span)) / span));
    }
    case 'step':
      return baseRate * STEP_DECAY_RATE ** Math.floor(after / (STEP_DECAY_EPOCHS * stepsPerEpoch));
  }
}

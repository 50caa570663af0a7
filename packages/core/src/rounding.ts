/**
 * The rounding rules of the reference implementations and the policy a backbone declares to pick among them.
 * `roundFilters` is `round_filters` of the TF EfficientNet reference and `_make_divisible` of Keras/torchvision
 * MobileNets (one rule): nearest multiple of the divisor, never more than 10% below the exact value. Repeats
 * round up (`round_repeats`: ceil), so a stage never disappears. Scaling and builders use the same functions.
 */
import type { Multiplier, Resolution } from './types';

/** How a backbone rounds its head width when scaled. */
export type HeadRounding =
  /** The head scales like every other width. */
  | 'scale'
  /** Keras MobileNetV2: the head keeps its base width unless width > 1. */
  | 'keep-below-one';

/** The rounding rules a backbone declares; the scaling package applies them. */
export interface RoundingPolicy {
  /** Channel counts are rounded to a multiple of this (8 in the reference implementations). */
  readonly channelDivisor: number;
  readonly head: HeadRounding;
  /** Input resolutions are rounded to a multiple of this. */
  readonly resolutionDivisor: number;
}

/** The reference implementations never let rounding drop more than 10% of a layer's width. */
const MAX_ROUND_DOWN = 0.9;

/** Rounds `channels × width` to a multiple of `divisor`, at least `divisor`, never >10% below exact. */
export function roundFilters(channels: number, width: Multiplier, divisor = 8): number {
  const exact = channels * width;
  let rounded = Math.max(divisor, Math.floor((exact + divisor / 2) / divisor) * divisor);
  if (rounded < MAX_ROUND_DOWN * exact) rounded += divisor;
  return rounded;
}

/** ceil(depth × repeats): the reference `round_repeats`. */
export function roundRepeats(repeats: number, depth: Multiplier): number {
  // Guard against float noise such as 1.1 * 10 = 11.000000000000002 becoming 12.
  return Math.ceil(Number((depth * repeats).toFixed(9)));
}

/** round(r × base) to a multiple of `divisor` (at least one divisor). */
export function roundResolution(base: Resolution, multiplier: Multiplier, divisor = 8): Resolution {
  return Math.max(divisor, Math.round((base * multiplier) / divisor) * divisor);
}

/**
 * A run's identity: a hash of everything that decides its result — backbone, scaled spec, dataset and its
 * limits, preset, the full training recipe and the seed. Where the run sits in a report (experiment,
 * strategy lines, step) and where or on what it runs (output directory, backend) are not part of it. A
 * finished run is reused only when this key matches; anything else retrains.
 */
import { createHash } from 'node:crypto';
import type { RunSpec } from './run-spec';

/** Bump when the meaning of a spec field changes, so old results stop matching. */
const IDENTITY_VERSION = 1;

export function runKey(spec: RunSpec): string {
  const identity = {
    v: IDENTITY_VERSION,
    backbone: spec.backbone,
    scale: spec.scale,
    dataset: spec.dataset,
    preset: spec.preset,
    recipe: { ...spec.recipe, augment: [...new Set(spec.recipe.augment)].sort() },
    seed: spec.seed,
  };
  return createHash('sha256').update(canonicalJson(identity)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted and undefined fields dropped: equal values always hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The solver's cost counter on real builders: each distinct rounded spec is built once with shape-only
 * weights (core's profileWithoutWeights) and its multiply-adds and trainable parameters are cached, so a
 * whole catalogue plans in seconds without allocating a weight.
 */
import { type Backbone, type BuildOptions, profileWithoutWeights, type StageSpec } from '@scaling-lab/core';
import type { CostCounter, ModelCost } from './ladder-solver';
import { specKey } from './ladder-solver';
import { type ScaleRequest, scaleSpec } from './strategies';

export function weightFreeCounter(backbone: Backbone<StageSpec>, options: BuildOptions): CostCounter {
  const cache = new Map<string, ModelCost>();
  return (request: ScaleRequest) => {
    const key = specKey(backbone, request);
    let cost = cache.get(key);
    if (!cost) {
      const profile = profileWithoutWeights(() => backbone.build(scaleSpec(backbone, request), options));
      cost = { flops: profile.flops, params: profile.params.trainable };
      cache.set(key, cost);
    }
    return cost;
  };
}

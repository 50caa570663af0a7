/**
 * The shape the runtime estimate reads from a planned model (multiply-adds, layer count), counted on a
 * weight-free build so estimating a whole plan allocates no tensors.
 */
import { type Backbone, type BuildOptions, profileWithoutWeights, type StageSpec } from '@scaling-lab/core';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import type { ModelShape } from './cost-model';

export function modelShape(backbone: Backbone<StageSpec>, request: ScaleRequest, options: BuildOptions): ModelShape {
  const profile = profileWithoutWeights(() => backbone.build(scaleSpec(backbone, request), options));
  return { macs: profile.flops, layers: profile.layers.filter((l) => l.type !== 'InputLayer').length };
}

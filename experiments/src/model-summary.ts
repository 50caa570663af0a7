/**
 * Builds a scaled backbone and profiles it: the shared core of `inspect`. The build uses shape-only
 * weights (core's profileWithoutWeights), so even EfficientNet-B7 at 600 px profiles without allocating.
 */
import {
  type Backbone,
  type ModelProfile,
  profileWithoutWeights,
  type ScaledSpec,
  type StageSpec,
} from '@scaling-lab/core';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';

export interface ModelSummary {
  readonly backbone: Backbone<StageSpec>;
  readonly spec: ScaledSpec<StageSpec>;
  readonly profile: ModelProfile;
  readonly numClasses: number;
  readonly inputChannels: number;
}

export function summarizeModel(
  backbone: Backbone<StageSpec>,
  request: ScaleRequest,
  numClasses: number,
  inputChannels: number,
): ModelSummary {
  const spec = scaleSpec(backbone, request);
  const profile = profileWithoutWeights(() => backbone.build(spec, { numClasses, inputChannels }));
  return { backbone, spec, profile, numClasses, inputChannels };
}

/** The JSON form printed by `inspect --json` (docs/architecture.md "CLI and errors"). */
export function summaryToJson(s: ModelSummary, withLayers: boolean) {
  return {
    backbone: s.backbone.id,
    name: s.backbone.name,
    depth: s.spec.scale.depth,
    width: s.spec.scale.width,
    resolution: s.spec.resolution,
    resolutionMultiplier: s.spec.scale.resolution,
    phi: s.spec.scale.phi,
    classes: s.numClasses,
    channels: s.inputChannels,
    params: { total: s.profile.params.total, trainable: s.profile.params.trainable },
    flops: s.profile.flops,
    otherOps: s.profile.otherOps,
    spec: { stem: s.spec.stem, head: s.spec.head, stages: s.spec.stages },
    ...(withLayers ? { layers: s.profile.layers } : {}),
  };
}

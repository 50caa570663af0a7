/**
 * Test helpers shared by the backbone packages' tests (imported as `@scaling-lab/core/testing`; not part of
 * the shipped library): build a model and always dispose it, list layers by type, derive where shortcuts
 * must be from a table alone, and split a profile's multiply-adds by where they run.
 */
import type * as tf from '@tensorflow/tfjs';
import type { Backbone, BuildOptions, ScaledSpec, StageSpec } from '../src/types';
import type { ModelProfile } from '../src/profiler';
import { profileWithoutWeights } from '../src/shape-profile';

/** The reference setting published numbers are stated at: 1000 classes, RGB input. */
export const IMAGENET: BuildOptions = { numClasses: 1000, inputChannels: 3 };

export function withModel<S extends StageSpec, R>(
  backbone: Backbone<S>,
  spec: ScaledSpec<S>,
  use: (model: tf.LayersModel) => R,
  options: BuildOptions = IMAGENET,
): R {
  const model = backbone.build(spec, options);
  try {
    return use(model);
  } finally {
    model.dispose();
  }
}

/**
 * The profile of `spec` built without allocating weights (equal to the built model's profile: see
 * packages/backbones/src/shape-profile.test.ts), for counts at full size without paying for the weights.
 */
export function profileOf<S extends StageSpec>(
  backbone: Backbone<S>,
  spec: ScaledSpec<S>,
  options: BuildOptions = IMAGENET,
): ModelProfile {
  return profileWithoutWeights(() => backbone.build(spec, options));
}

export function layerNamesOfType(model: tf.LayersModel, className: string): string[] {
  return model.layers.filter((l) => l.getClassName() === className).map((l) => l.name);
}

/**
 * Names of the `_add` layers an inverted-residual table must have, from the table alone: a block keeps a
 * shortcut exactly when it has stride 1 and its input width equals `channels`.
 */
export function expectedResiduals(spec: ScaledSpec<StageSpec>): string[] {
  const names: string[] = [];
  let inChannels = spec.stem;
  spec.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.repeats; b++) {
      const stride = b === 0 ? stage.stride : 1;
      if (stride === 1 && inChannels === stage.channels) names.push(`stage${s + 2}_block${b + 1}_add`);
      inChannels = stage.channels;
    }
  });
  return names;
}

/**
 * Multiply-adds of layers with a spatial (H×W > 1) output vs layers on pooled features (dense layers,
 * squeeze-excite convs): doubling the resolution must multiply the first by exactly 4 and keep the second.
 */
export function macsBySpatialOutput(profile: ModelProfile): { spatial: number; pooled: number } {
  const split = { spatial: 0, pooled: 0 };
  for (const l of profile.layers) {
    const [, h, w] = l.outputShape;
    if (l.outputShape.length === 4 && (h ?? 1) * (w ?? 1) > 1) split.spatial += l.macs;
    else split.pooled += l.macs;
  }
  return split;
}

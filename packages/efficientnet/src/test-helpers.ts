/** Shared test helpers: build a model, use it, always dispose it; derive expected residuals from a table. */
import type * as tf from '@tensorflow/tfjs';
import type { Backbone, BuildOptions, ScaledSpec } from '@scaling-lab/core';
import type { EfficientNetStage } from './block-table';

export const IMAGENET: BuildOptions = { numClasses: 1000, inputChannels: 3 };

export function withModel<R>(
  backbone: Backbone<EfficientNetStage>,
  spec: ScaledSpec<EfficientNetStage>,
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

/** Names of the blocks that should end in a shortcut add: stride 1 and unchanged width, from the table alone. */
export function expectedResiduals(spec: ScaledSpec<EfficientNetStage>): string[] {
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

export function layerNamesOfType(model: tf.LayersModel, className: string): string[] {
  return model.layers.filter((l) => l.getClassName() === className).map((l) => l.name);
}

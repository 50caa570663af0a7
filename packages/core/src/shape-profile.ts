/**
 * Profiles a model without allocating its weights: the real builder runs on symbolic tensors while
 * `Layer.addWeight` hands out shape-only placeholders instead of initialised variables, then
 * `profileModel` reads the layer graph as usual. Params and multiply-adds follow the builder exactly
 * (no second shape calculator per family), and planning a whole catalogue, EfficientNet-B7 at 600 px
 * included, takes no weight memory and no initialiser time.
 */
import * as tf from '@tensorflow/tfjs';
import { type ModelProfile, profileModel } from './profiler';

/** What the profiler and tfjs' own bookkeeping read from a weight: its names, shape and trainability. */
class ShapeOnlyWeight {
  readonly id: number;
  readonly originalName: string;
  readonly name: string;
  constructor(
    layerName: string,
    weightName: string,
    readonly shape: number[],
    readonly dtype: string,
    readonly trainable: boolean,
    serial: number,
  ) {
    this.id = -serial;
    // Mirrors the scoped names tfjs gives real weights (`<layer>/<weight>`), which the profiler matches on.
    this.originalName = `${layerName}/${weightName}`;
    this.name = `${this.originalName}_shape${serial}`;
  }

  read(): never {
    throw new Error(`weight ${this.originalName} is a shape-only placeholder (model built by profileWithoutWeights)`);
  }

  write(): never {
    return this.read();
  }

  dispose(): void {
    // Nothing was allocated.
  }
}

type AddWeight = (
  this: tf.layers.Layer,
  name: string,
  shape: number[],
  dtype?: string,
  initializer?: unknown,
  regularizer?: unknown,
  trainable?: boolean,
) => unknown;

interface LayerInternals {
  _addedWeightNames: string[];
  _trainableWeights: unknown[];
  _nonTrainableWeights: unknown[];
}

let serial = 0;

/**
 * Runs `build` with weight creation replaced by shape-only placeholders and returns the model's profile.
 * The model itself is dropped: it cannot run. `build` must be synchronous (builders are).
 */
export function profileWithoutWeights(build: () => tf.LayersModel): ModelProfile {
  const proto = tf.layers.Layer.prototype as unknown as { addWeight: AddWeight };
  const original = proto.addWeight;
  proto.addWeight = function addShapeOnlyWeight(name, shape, dtype, _initializer, _regularizer, trainable) {
    const self = this as unknown as LayerInternals & { name: string };
    // The same duplicate-name rule the real addWeight enforces, so a builder bug still surfaces here.
    if (self._addedWeightNames.includes(name)) throw new Error(`Duplicate weight name ${name} for layer ${self.name}`);
    self._addedWeightNames.push(name);
    const weight = new ShapeOnlyWeight(self.name, name, [...shape], dtype ?? 'float32', trainable ?? true, ++serial);
    (weight.trainable ? self._trainableWeights : self._nonTrainableWeights).push(weight);
    return weight;
  };
  try {
    return profileModel(build());
  } finally {
    proto.addWeight = original;
  }
}

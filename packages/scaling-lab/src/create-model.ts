/**
 * `createModel`: a registered backbone as a tfjs model at any scale, in one call. The options are checked
 * here, at the library's boundary, so a bad value fails with its name and the allowed range.
 */
import type * as tf from '@tensorflow/tfjs';
import { getBackbone } from '@scaling-lab/backbones';
import { type CompoundCoefficients, minimumResolution, scaleSpec } from '@scaling-lab/scaling';

export interface CreateModelOptions {
  /** Classes of the softmax classifier. */
  readonly numClasses: number;
  /** Channels of the input image (3 for RGB, 1 for grey). Default 3. */
  readonly inputChannels?: number;
  /** Depth multiplier: repeats per stage, rounded up. */
  readonly depth?: number;
  /** Width multiplier: channels rounded to the backbone's divisor (8), never more than 10% below. */
  readonly width?: number;
  /** Input size in pixels; the backbone's base resolution when absent. */
  readonly resolution?: number;
  /** Compound coefficient φ: depth α^φ, width β^φ, resolution γ^φ (multiplies into the options above). */
  readonly phi?: number;
  /** α, β, γ of compound scaling; the EfficientNet paper's 1.2, 1.1, 1.15 when absent. */
  readonly coefficients?: CompoundCoefficients;
}

/** Builds backbone `id` (see `backboneIds()`) scaled as the options say; weights are freshly initialized. */
export function createModel(id: string, options: CreateModelOptions): tf.LayersModel {
  const backbone = getBackbone(id);
  checkInteger('numClasses', options.numClasses, 1);
  const inputChannels = options.inputChannels ?? 3;
  checkInteger('inputChannels', inputChannels, 1);
  for (const key of ['depth', 'width'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`createModel: ${key} must be a positive number (e.g. 2), got ${value}`);
    }
  }
  if (options.phi !== undefined && !Number.isFinite(options.phi)) {
    throw new RangeError(`createModel: phi must be a finite number (e.g. 1), got ${options.phi}`);
  }
  if (options.resolution !== undefined) checkInteger('resolution', options.resolution, minimumResolution(backbone));
  const spec = scaleSpec(backbone, {
    depth: options.depth,
    width: options.width,
    resolution: options.resolution,
    phi: options.phi,
    coefficients: options.coefficients,
  });
  return backbone.build(spec, { numClasses: options.numClasses, inputChannels });
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`createModel: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

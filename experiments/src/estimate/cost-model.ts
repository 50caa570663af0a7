/**
 * Expected wall time of one training run from its model's shape, before anything trains. A CPU training
 * step is many small kernels, so its time is a fixed cost per kernel (dispatch, and elementwise passes
 * that barely depend on size at these scales) plus a cost per multiply-add; both constants are measured
 * on the native path (wasm+native) and stored as data in cost-constants.json, refit by calibrate.ts.
 */
import constants from './cost-constants.json';

/** What the estimate reads from a model: counted on a weight-free build (core's profileWithoutWeights). */
export interface ModelShape {
  /** Multiply-adds of conv and dense layers per image (forward). */
  readonly macs: number;
  /** Layers of the built model: each is a handful of kernels forward, backward and in the optimizer. */
  readonly layers: number;
}

export interface CostConstants {
  /** Backend the constants were measured on. */
  readonly backend: string;
  /** Seconds per layer per training step, whatever the batch size (kernel launches and small passes). */
  readonly secondsPerLayerStep: number;
  /** Seconds per forward multiply-add per image of a training step (forward, both gradients and update). */
  readonly secondsPerMac: number;
  /** Seconds a run spends outside its training and evaluation loops: start, data loading, model build. */
  readonly startupSeconds: number;
  /** Time of one forward image over one training image (evaluation and batch-norm re-estimation). */
  readonly forwardShare: number;
  /** How much faster one run trains on every core than on one (the sweep widens its lone last run). */
  readonly allCoresSpeedup: number;
}

export const COST_CONSTANTS: CostConstants = constants;

/** Seconds per training image on one core (one native thread) at the given batch size. */
export function secondsPerImage(shape: ModelShape, batchSize: number, c: CostConstants = COST_CONSTANTS): number {
  return (c.secondsPerLayerStep * shape.layers) / batchSize + c.secondsPerMac * shape.macs;
}

/** The work of one run: how many images it trains on and how many it only runs forward. */
export interface RunWork {
  readonly epochs: number;
  readonly batchSize: number;
  readonly trainImages: number;
  /** Test images evaluated plus training images the batch-norm statistics are re-estimated on. */
  readonly forwardImages: number;
}

/** Seconds of the whole run on one core: start, training epochs, then the forward passes. */
export function runSeconds(shape: ModelShape, work: RunWork, c: CostConstants = COST_CONSTANTS): number {
  const perImage = secondsPerImage(shape, work.batchSize, c);
  return c.startupSeconds + perImage * (work.epochs * work.trainImages + c.forwardShare * work.forwardImages);
}

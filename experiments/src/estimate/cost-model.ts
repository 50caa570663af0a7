/**
 * Expected wall time of one training run from its model's shape, before anything trains. A CPU training
 * step is many small kernels, so its time is a fixed cost per kernel (dispatch, and elementwise passes
 * that barely depend on size at these scales) plus a cost per multiply-add; both constants are measured
 * on the native path (wasm+native) and stored as data in cost-constants.json, with the samples they were
 * fitted on (calibration-samples.jsonl; refit with `scaling-lab bench cost-model`).
 *
 * How good it is: on 2 cores shared with other training processes (each sample scaled to a free core by the
 * share of a core it got), the per-image time is off by 19% on average on the 20 runs it was fitted on
 * and by 16% on 8 runs it never saw (MobileNetV3-Small, ResNet-18, ResNet-50 at depth ×2, EfficientNet-B0
 * at width ×0.35 depth ×1.5 40 px: within -36%…+27%). It misses most where resolution grows at a fixed
 * layer count (MobileNetV2 at 64 px: -39%…-54%): elementwise passes grow with the maps, and a third term
 * for them did not predict the held-out runs better. On that busy machine two threads were no faster than
 * one, so the lone last run is assumed to gain nothing (allCoresSpeedup 1); refit on an idle machine.
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

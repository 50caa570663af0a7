/**
 * The backbone contract (docs/architecture.md "The backbone contract"): a backbone is a typed stage table plus one
 * builder. Scaling rewrites the table (see @scaling-lab/scaling); the builder turns any table into layers
 * and never sees a multiplier.
 */
import type * as tf from '@tensorflow/tfjs';
import type { RoundingPolicy } from './rounding';

/** A dimensionless scale factor such as a width or depth multiplier (1 = unscaled). */
export type Multiplier = number;
/** Input side length in pixels (square inputs). */
export type Resolution = number;

/**
 * One row of a stage table. Every family has at least these fields; families add their own
 * (kernel, expansion, squeeze-excite ratio, ...). Scaling touches only `repeats` and `channels`.
 */
export interface StageSpec {
  /** Block kind, e.g. 'mbconv', 'bottleneck', 'depthwise-separable'. */
  readonly block: string;
  /** Number of blocks in the stage; only the first block is strided. */
  readonly repeats: number;
  /** The stage's width in channels (its meaning per family is documented by the family's table). */
  readonly channels: number;
  /** Stride of the stage's first block. */
  readonly stride: number;
}

/** The unscaled architecture: stem width, stage table and head width. */
export interface BaseSpec<S extends StageSpec = StageSpec> {
  /** Output channels of the stem convolution. */
  readonly stem: number;
  readonly stages: readonly S[];
  /** Channels of the final 1x1 head convolution, or null when the family has none (ResNet). */
  readonly head: number | null;
}

/** How far a spec was scaled from its backbone's base, kept for provenance and reporting. */
export interface ScaleFactors {
  readonly depth: Multiplier;
  readonly width: Multiplier;
  /** Resolution multiplier relative to the backbone's base resolution. */
  readonly resolution: Multiplier;
  /** Compound coefficient when the spec came from compound scaling, else null. */
  readonly phi: number | null;
}

/** A stage table after scaling: what a builder consumes. */
export interface ScaledSpec<S extends StageSpec = StageSpec> extends BaseSpec<S> {
  /** Input side length the model is built for. */
  readonly resolution: Resolution;
  readonly scale: ScaleFactors;
}

export interface BuildOptions {
  readonly numClasses: number;
  readonly inputChannels: number;
  /** Dropout before the classifier; defaults to the backbone's own. */
  readonly dropout?: number;
  /** Drop-connect (stochastic depth) rate where the family has residual blocks that use it. */
  readonly dropConnect?: number;
}

/** Published numbers a backbone is checked against (at `resolution`, `numClasses`, 3 input channels). */
export interface ReferenceNumbers {
  readonly resolution: Resolution;
  readonly numClasses: number;
  /** Trainable parameters (PyTorch-style: no batch-norm running statistics). */
  readonly trainableParams: number;
  /** Total parameters as Keras counts them (including batch-norm running statistics), when known. */
  readonly totalParams?: number;
  /** Multiply-adds of conv and dense layers. */
  readonly flops: number;
  /** Where the numbers come from. */
  readonly source: string;
}

export interface Backbone<S extends StageSpec = StageSpec> {
  /** Registry id, e.g. 'resnet-50'. Lower-case, dash-separated. */
  readonly id: string;
  /** Human name, e.g. 'ResNet-50'. */
  readonly name: string;
  /** Family id shared by variants, e.g. 'resnet', 'efficientnet'; experiments are named after it. */
  readonly family: string;
  readonly baseResolution: Resolution;
  readonly base: BaseSpec<S>;
  readonly rounding: RoundingPolicy;
  /** Product of all strides (stem, stages, pooling): the smallest input the network accepts. */
  readonly totalStride: number;
  /** Default classifier dropout. */
  readonly dropout: number;
  /** Default drop-connect rate (0 where the family has none). */
  readonly dropConnect: number;
  readonly reference?: ReferenceNumbers;
  build(spec: ScaledSpec<S>, options: BuildOptions): tf.LayersModel;
}

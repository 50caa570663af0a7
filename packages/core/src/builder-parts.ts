/**
 * The skeleton every builder shares, so stable hierarchical layer names are the same in every family: the input,
 * the walk over a stage table's blocks (the stem is stage 1 as in EfficientNet Table 1, so table row i is
 * `stage{i + 2}`; only a stage's first block is strided; a multi-row stage picks each block's row), and the end
 * `global_pool` → `classifier_dropout` → `classifier` (softmax).
 */
import * as tf from '@tensorflow/tfjs';
import type { BuildOptions, ScaledSpec, StageSpec } from './types';

type T = tf.SymbolicTensor;

/** One block of a stage table, in build order, with what every builder derives for it. */
export interface StageBlock<S extends StageSpec> {
  readonly stage: S;
  /** Row of the stage table (0-based). */
  readonly stageIndex: number;
  /** Block within its stage (0-based). */
  readonly blockIndex: number;
  /** Block within the whole network (0-based), e.g. for the drop-connect schedule. */
  readonly globalIndex: number;
  readonly totalBlocks: number;
  /** Only a stage's first block carries its stride. */
  readonly stride: number;
  /** `stage{i + 2}_block{j + 1}`. */
  readonly prefix: string;
}

/** Every block of a (scaled) table in build order: the one place the stride-on-first-block rule lives. */
export function stageBlocks<S extends StageSpec>(spec: { readonly stages: readonly S[] }): StageBlock<S>[] {
  const totalBlocks = spec.stages.reduce((n, stage) => n + stage.repeats, 0);
  const blocks: StageBlock<S>[] = [];
  spec.stages.forEach((stage, stageIndex) => {
    for (let blockIndex = 0; blockIndex < stage.repeats; blockIndex++) {
      blocks.push({
        stage,
        stageIndex,
        blockIndex,
        globalIndex: blocks.length,
        totalBlocks,
        stride: blockIndex === 0 ? stage.stride : 1,
        prefix: blockPrefix(stageIndex, blockIndex),
      });
    }
  });
  return blocks;
}

/** The square image input a spec is built for, named `input`. */
export function imageInput(spec: ScaledSpec<StageSpec>, options: BuildOptions): T {
  return tf.input({ shape: [spec.resolution, spec.resolution, options.inputChannels], name: 'input' });
}

/** `stage{i + 2}_block{j + 1}` for block j of stage-table row i. */
export function blockPrefix(stageIndex: number, blockIndex: number): string {
  return `stage${stageIndex + 2}_block${blockIndex + 1}`;
}

/**
 * The row block `blockIndex` of a stage uses when the stage holds several block rows (MobileNetV3's stages
 * change expansion after their first block): block j uses row j, and the last row repeats for every later
 * block, so depth scaling adds copies of the last row.
 */
export function blockRow<R>(rows: readonly R[], blockIndex: number): R {
  if (rows.length === 0) throw new RangeError('a stage needs at least one block row');
  return rows[Math.min(blockIndex, rows.length - 1)];
}

export function globalPool(x: T): T {
  return tf.layers.globalAveragePooling2d({ name: 'global_pool' }).apply(x) as T;
}

/** Dropout then a softmax dense layer: the output of every backbone. */
export function softmaxClassifier(
  x: T,
  numClasses: number,
  dropout: number,
  kernelInitializer?: tf.serialization.Serializable | string,
): T {
  const dropped = tf.layers.dropout({ rate: dropout, name: 'classifier_dropout' }).apply(x) as T;
  return tf.layers
    .dense({
      units: numClasses,
      activation: 'softmax',
      ...(kernelInitializer !== undefined ? { kernelInitializer: kernelInitializer as never } : {}),
      name: 'classifier',
    })
    .apply(dropped) as T;
}

/**
 * The network a generated package starts as: a plain VGG-style table (Simonyan & Zisserman 2015: stacks of
 * 3x3 conv + BN + ReLU, downsampling by a strided first block) with a 3x3/2 stem, a 1x1 head, global
 * pooling, dropout and a softmax classifier. Its reference numbers are computed here, from the same data the
 * templates print, so a freshly generated package states (and passes) its own parameter and FLOPs counts.
 */

export interface ScaffoldStage {
  readonly channels: number;
  readonly repeats: number;
  readonly stride: number;
  readonly kernel: number;
}

export interface ScaffoldTable {
  readonly stem: number;
  readonly stemKernel: number;
  readonly stemStride: number;
  readonly stages: readonly ScaffoldStage[];
  readonly head: number;
  readonly baseResolution: number;
  readonly dropout: number;
}

/**
 * Four stages doubling width as resolution halves (VGG's rule), two blocks each so depth scaling adds whole
 * non-first blocks; 1.8M parameters at 1000 classes keeps the registry tests quick.
 */
export const SCAFFOLD_TABLE: ScaffoldTable = {
  stem: 16,
  stemKernel: 3,
  stemStride: 2,
  stages: [
    { channels: 32, repeats: 2, stride: 2, kernel: 3 },
    { channels: 64, repeats: 2, stride: 2, kernel: 3 },
    { channels: 128, repeats: 2, stride: 2, kernel: 3 },
    { channels: 256, repeats: 2, stride: 2, kernel: 3 },
  ],
  head: 512,
  baseResolution: 224,
  dropout: 0.2,
};

export function totalStride(table: ScaffoldTable): number {
  return table.stages.reduce((s, stage) => s * stage.stride, table.stemStride);
}

export interface ScaffoldReference {
  readonly trainableParams: number;
  /** Multiply-adds of the convolutions and the classifier. */
  readonly flops: number;
}

/**
 * Trainable parameters (bias-free convs, BN γ and β, classifier with bias) and multiply-adds of the
 * scaffold network at `resolution` with 3 input channels; 'same' padding gives ceil(size / stride).
 */
export function scaffoldReference(table: ScaffoldTable, resolution: number, numClasses: number): ScaffoldReference {
  let size = resolution;
  let channels = 3;
  let params = 0;
  let flops = 0;
  const convBn = (filters: number, kernel: number, stride: number) => {
    size = Math.ceil(size / stride);
    params += kernel * kernel * channels * filters + 2 * filters;
    flops += size * size * kernel * kernel * channels * filters;
    channels = filters;
  };
  convBn(table.stem, table.stemKernel, table.stemStride);
  for (const stage of table.stages) {
    for (let b = 0; b < stage.repeats; b++) convBn(stage.channels, stage.kernel, b === 0 ? stage.stride : 1);
  }
  convBn(table.head, 1, 1);
  params += channels * numClasses + numClasses;
  flops += channels * numClasses;
  return { trainableParams: params, flops };
}

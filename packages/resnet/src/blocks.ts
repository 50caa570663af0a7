/**
 * ResNet blocks in torchvision's layout (`models/resnet.py`): the basic block (3x3, 3x3) and the v1.5
 * bottleneck (1x1, strided 3x3, 1x1), each with an identity or projection shortcut, residual add, then ReLU.
 * Convolutions are core's `convBnAct` (bias-free, BN, optional ReLU) with numbered names (`_conv1`, `_bn1`, `_relu1`).
 */
import { type BatchNormConstants, convBnAct, type Initializer } from '@scaling-lab/core';
import * as tf from '@tensorflow/tfjs';
import type { ResNetBlockKind } from './stage-table';

type T = tf.SymbolicTensor;

/** What a block needs from its stage row, with the stride already resolved for this block. */
export interface BlockArgs {
  /** Inner width; the block outputs `channels × expansion`. */
  readonly channels: number;
  readonly expansion: number;
  readonly stride: number;
  readonly bn: BatchNormConstants;
  readonly initializer: Initializer;
}

/** torchvision adds a 1x1 projection (`downsample`) exactly when the residual's shape would not match. */
export function needsProjection(inChannels: number, outChannels: number, stride: number): boolean {
  return stride !== 1 || inChannels !== outChannels;
}

function residual(x: T, y: T, outChannels: number, args: BlockArgs, prefix: string): T {
  const inChannels = x.shape[x.shape.length - 1] as number;
  const shortcut = needsProjection(inChannels, outChannels, args.stride)
    ? convBnAct(x, `${prefix}_shortcut`, { ...args, filters: outChannels, kernel: 1, activation: null })
    : x;
  const sum = tf.layers.add({ name: `${prefix}_add` }).apply([shortcut, y]) as T;
  return tf.layers.reLU({ name: `${prefix}_out` }).apply(sum) as T;
}

/** torchvision `BasicBlock`: 3x3 (strided) + BN + ReLU, 3x3 + BN, add shortcut, ReLU. */
export function basicBlock(x: T, args: BlockArgs, prefix: string): T {
  const out = args.channels * args.expansion;
  let y = convBnAct(x, prefix, { ...args, filters: args.channels, kernel: 3, activation: 'relu', suffix: '1' });
  y = convBnAct(y, prefix, { ...args, filters: out, kernel: 3, stride: 1, activation: null, suffix: '2' });
  return residual(x, y, out, args, prefix);
}

/**
 * torchvision `Bottleneck` (ResNet v1.5): 1x1 reduce, 3x3 carrying the stride, 1x1 expand to
 * `channels × expansion`; each followed by BN, the first two by ReLU; add shortcut, ReLU.
 */
export function bottleneckBlock(x: T, args: BlockArgs, prefix: string): T {
  const out = args.channels * args.expansion;
  let y = convBnAct(x, prefix, {
    ...args,
    filters: args.channels,
    kernel: 1,
    stride: 1,
    activation: 'relu',
    suffix: '1',
  });
  y = convBnAct(y, prefix, { ...args, filters: args.channels, kernel: 3, activation: 'relu', suffix: '2' });
  y = convBnAct(y, prefix, { ...args, filters: out, kernel: 1, stride: 1, activation: null, suffix: '3' });
  return residual(x, y, out, args, prefix);
}

export const BLOCKS: Readonly<Record<ResNetBlockKind, (x: T, args: BlockArgs, prefix: string) => T>> = {
  basic: basicBlock,
  bottleneck: bottleneckBlock,
};

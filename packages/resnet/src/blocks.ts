/**
 * ResNet building blocks in torchvision's layout (`models/resnet.py`): conv + BN (+ ReLU), the basic block
 * (3x3, 3x3) and the v1.5 bottleneck (1x1, strided 3x3, 1x1), each with an identity or projection shortcut,
 * residual add, then ReLU. Convolutions feeding a BN carry no bias, as in torchvision.
 */
import * as tf from '@tensorflow/tfjs';
import type { ResNetBlockKind } from './stage-tables';

/** torchvision `nn.BatchNorm2d` default eps. */
export const BN_EPSILON = 1e-5;
/**
 * torchvision `nn.BatchNorm2d` default momentum 0.1 weights the new batch; tfjs (like Keras) weights the
 * running value (moving = m·moving + (1 − m)·batch), so the same update is m = 1 − 0.1.
 */
export const BN_MOMENTUM = 0.9;

type T = tf.SymbolicTensor;

/**
 * torchvision `ResNet.__init__` draws every conv kernel with `kaiming_normal_(mode='fan_out',
 * nonlinearity='relu')`, variance 2 / fan_out. We keep that variance but draw uniformly: tfjs's JS normal
 * sampler (rejection-sampled) is several times slower than its uniform one, and building 25M+ weights is
 * dominated by it.
 */
function heFanOut(): ReturnType<typeof tf.initializers.varianceScaling> {
  return tf.initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform' });
}

/** Convolution (no bias) + BN, named `<prefix>_conv<suffix>` and `<prefix>_bn<suffix>`. */
export function convBn(x: T, filters: number, kernel: number, stride: number, prefix: string, suffix = ''): T {
  const conv = tf.layers.conv2d({
    filters,
    kernelSize: kernel,
    strides: stride,
    // torchvision pads k//2 on every side; 'same' gives the same output size (with stride 2 it pads one
    // more on the bottom/right instead), so shapes, parameters and multiply-adds agree.
    padding: 'same',
    useBias: false,
    kernelInitializer: heFanOut(),
    name: `${prefix}_conv${suffix}`,
  }).apply(x) as T;
  return tf.layers.batchNormalization({
    epsilon: BN_EPSILON,
    momentum: BN_MOMENTUM,
    name: `${prefix}_bn${suffix}`,
  }).apply(conv) as T;
}

export function relu(x: T, name: string): T {
  return tf.layers.reLU({ name }).apply(x) as T;
}

/** What a block needs from its stage row, with the stride already resolved for this block. */
export interface BlockArgs {
  /** Inner width; the block outputs `channels × expansion`. */
  readonly channels: number;
  readonly expansion: number;
  readonly stride: number;
}

/** torchvision adds a 1x1 projection (`downsample`) exactly when the residual's shape would not match. */
export function needsProjection(inChannels: number, outChannels: number, stride: number): boolean {
  return stride !== 1 || inChannels !== outChannels;
}

function shortcut(x: T, outChannels: number, stride: number, prefix: string): T {
  const inChannels = x.shape[x.shape.length - 1] as number;
  if (!needsProjection(inChannels, outChannels, stride)) return x;
  return convBn(x, outChannels, 1, stride, `${prefix}_shortcut`);
}

function residual(x: T, y: T, outChannels: number, stride: number, prefix: string): T {
  const sum = tf.layers.add({ name: `${prefix}_add` }).apply([shortcut(x, outChannels, stride, prefix), y]) as T;
  return relu(sum, `${prefix}_out`);
}

/** torchvision `BasicBlock`: 3x3 (strided) + BN + ReLU, 3x3 + BN, add shortcut, ReLU. */
export function basicBlock(x: T, args: BlockArgs, prefix: string): T {
  const out = args.channels * args.expansion;
  let y = relu(convBn(x, args.channels, 3, args.stride, prefix, '1'), `${prefix}_relu1`);
  y = convBn(y, out, 3, 1, prefix, '2');
  return residual(x, y, out, args.stride, prefix);
}

/**
 * torchvision `Bottleneck` (ResNet v1.5): 1x1 reduce, 3x3 carrying the stride, 1x1 expand to
 * `channels × expansion`; each followed by BN, the first two by ReLU; add shortcut, ReLU.
 */
export function bottleneckBlock(x: T, args: BlockArgs, prefix: string): T {
  const out = args.channels * args.expansion;
  let y = relu(convBn(x, args.channels, 1, 1, prefix, '1'), `${prefix}_relu1`);
  y = relu(convBn(y, args.channels, 3, args.stride, prefix, '2'), `${prefix}_relu2`);
  y = convBn(y, out, 1, 1, prefix, '3');
  return residual(x, y, out, args.stride, prefix);
}

export const BLOCKS: Readonly<Record<ResNetBlockKind, (x: T, args: BlockArgs, prefix: string) => T>> = {
  basic: basicBlock,
  bottleneck: bottleneckBlock,
};

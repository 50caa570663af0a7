// One kernel per optimizer step for all variables: Adam, RMSProp (uncentred) and SGD with momentum, each
// returning every variable's new value and new slot values, computed with the same update rule as tfjs's
// optimizers (which spend 4-10 kernels per variable on it). Inputs are named role + index (`value0`,
// `gradient0`, `m0`, `value1`, ...), `count` in the attributes; outputs are the new value and slots per
// variable, in that order.
import * as tf from '@tensorflow/tfjs';
import { HeapKernelArgs, requireFloat32 } from './heap';

export const ADAM_UPDATE = 'ScalingLabAdamUpdate';
export const RMSPROP_UPDATE = 'ScalingLabRMSPropUpdate';
export const MOMENTUM_UPDATE = 'ScalingLabMomentumUpdate';

export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 - beta1^t and 1 - beta2^t for this step t. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

export interface RMSPropUpdateAttrs {
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
}

export interface MomentumUpdateAttrs {
  learningRate: number;
  momentum: number;
  useNesterov: boolean;
}

/** Views per variable: its inputs in `roles` order, then its outputs (every role but the gradient). */
function groupedViews(
  args: HeapKernelArgs,
  kernel: string,
  roles: string[],
): { outputs: tf.TensorInfo[]; groups: Float32Array[][] } {
  const count = args.attrs.count as number;
  const ins = Array.from({ length: count }, (_, k) =>
    roles.map((r) => requireFloat32(args.inputs[`${r}${k}`], kernel, `${r}${k}`)),
  );
  const outs = ins.map((group) =>
    roles.filter((r) => r !== 'gradient').map(() => args.backend.makeOutput(group[0].shape, 'float32')),
  );
  // Views only after every allocation: an allocation may grow the heap and detach earlier views.
  const groups = ins.map((group, k) =>
    [...group, ...outs[k]].map((t) => args.backend.typedArrayFromHeap(t) as Float32Array),
  );
  return { outputs: outs.flat(), groups };
}

/** The kernel inputs for variables given as rows of tensors in `roles` order. */
export function updateInputs(roles: readonly string[], rows: tf.Tensor[][]): tf.NamedTensorMap {
  const inputs: tf.NamedTensorMap = {};
  rows.forEach((row, k) => roles.forEach((r, j) => (inputs[`${r}${k}`] = row[j])));
  return inputs;
}

export const ADAM_ROLES = ['value', 'gradient', 'm', 'v'] as const;
export const RMSPROP_ROLES = ['value', 'gradient', 'ms', 'mom'] as const;
export const MOMENTUM_ROLES = ['value', 'gradient', 'acc'] as const;

/** Per variable: inputs value, gradient, m, v; outputs new value, m, v (tfjs AdamOptimizer's rule). */
export function adamUpdateWasm(args: HeapKernelArgs): tf.TensorInfo[] {
  const a = args.attrs as unknown as AdamUpdateAttrs;
  const { outputs, groups } = groupedViews(args, ADAM_UPDATE, [...ADAM_ROLES]);
  for (const group of groups) adamStep(group, a);
  return outputs;
}

function adamStep([value, g, m, v, value2, m2, v2]: Float32Array[], a: AdamUpdateAttrs): void {
  const b1 = a.beta1;
  const b2 = a.beta2;
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const mi = m[i] * b1 + gi * (1 - b1);
    const vi = v[i] * b2 + gi * gi * (1 - b2);
    m2[i] = mi;
    v2[i] = vi;
    value2[i] =
      value[i] - (a.learningRate * (mi / a.oneMinusAccBeta1)) / (Math.sqrt(vi / a.oneMinusAccBeta2) + a.epsilon);
  }
}

/** Per variable: inputs value, gradient, ms (mean square), mom (moments); outputs new value, ms, mom (tfjs RMSPropOptimizer, not centred). */
export function rmspropUpdateWasm(args: HeapKernelArgs): tf.TensorInfo[] {
  const a = args.attrs as unknown as RMSPropUpdateAttrs;
  const { outputs, groups } = groupedViews(args, RMSPROP_UPDATE, [...RMSPROP_ROLES]);
  for (const group of groups) rmspropStep(group, a);
  return outputs;
}

function rmspropStep([value, g, ms, mom, value2, ms2, mom2]: Float32Array[], a: RMSPropUpdateAttrs): void {
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const msi = ms[i] * a.decay + gi * gi * (1 - a.decay);
    const momi = mom[i] * a.momentum + (gi * a.learningRate) / Math.sqrt(msi + a.epsilon);
    ms2[i] = msi;
    mom2[i] = momi;
    value2[i] = value[i] - momi;
  }
}

/** Per variable: inputs value, gradient, acc; outputs new value, acc (tfjs MomentumOptimizer). */
export function momentumUpdateWasm(args: HeapKernelArgs): tf.TensorInfo[] {
  const a = args.attrs as unknown as MomentumUpdateAttrs;
  const { outputs, groups } = groupedViews(args, MOMENTUM_UPDATE, [...MOMENTUM_ROLES]);
  for (const group of groups) momentumStep(group, a);
  return outputs;
}

function momentumStep([value, g, acc, value2, acc2]: Float32Array[], a: MomentumUpdateAttrs): void {
  for (let i = 0; i < value.length; i++) {
    const acci = a.momentum * acc[i] + g[i];
    acc2[i] = acci;
    value2[i] = value[i] - a.learningRate * (a.useNesterov ? g[i] + acci * a.momentum : acci);
  }
}

// One kernel per variable for an optimizer step: Adam, RMSProp (uncentred) and SGD with momentum, each
// returning the new value and new slot values, computed with the same update rule as tfjs's optimizers
// (which spend 4-10 kernels per variable on it).
import * as tf from '@tensorflow/tfjs';
import { heapViews, HeapKernelArgs, requireFloat32 } from './heap';

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

function views(args: HeapKernelArgs, kernel: string, names: string[]): { outputs: tf.TensorInfo[]; views: Float32Array[] } {
  const ins = names.map((n) => requireFloat32(args.inputs[n], kernel, n));
  return heapViews(args.backend, ins, names.filter((n) => n !== 'gradient').map(() => ins[0].shape));
}

/** Inputs value, gradient, m, v; outputs new value, m, v (tfjs AdamOptimizer's rule). */
export function adamUpdateWasm(args: HeapKernelArgs): tf.TensorInfo[] {
  const a = args.attrs as unknown as AdamUpdateAttrs;
  const { outputs, views: [value, g, m, v, value2, m2, v2] } = views(args, ADAM_UPDATE, ['value', 'gradient', 'm', 'v']);
  const b1 = a.beta1;
  const b2 = a.beta2;
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const mi = m[i] * b1 + gi * (1 - b1);
    const vi = v[i] * b2 + gi * gi * (1 - b2);
    m2[i] = mi;
    v2[i] = vi;
    value2[i] = value[i] - (a.learningRate * (mi / a.oneMinusAccBeta1)) / (Math.sqrt(vi / a.oneMinusAccBeta2) + a.epsilon);
  }
  return outputs;
}

/** Inputs value, gradient, ms (mean square), mom (moments); outputs new value, ms, mom (tfjs RMSPropOptimizer, not centred). */
export function rmspropUpdateWasm(args: HeapKernelArgs): tf.TensorInfo[] {
  const a = args.attrs as unknown as RMSPropUpdateAttrs;
  const { outputs, views: [value, g, ms, mom, value2, ms2, mom2] } = views(args, RMSPROP_UPDATE, ['value', 'gradient', 'ms', 'mom']);
  for (let i = 0; i < value.length; i++) {
    const gi = g[i];
    const msi = ms[i] * a.decay + gi * gi * (1 - a.decay);
    const momi = mom[i] * a.momentum + (gi * a.learningRate) / Math.sqrt(msi + a.epsilon);
    ms2[i] = msi;
    mom2[i] = momi;
    value2[i] = value[i] - momi;
  }
  return outputs;
}

/** Inputs value, gradient, acc; outputs new value, acc (tfjs MomentumOptimizer). */
export function momentumUpdateWasm(args: HeapKernelArgs): tf.TensorInfo[] {
  const a = args.attrs as unknown as MomentumUpdateAttrs;
  const { outputs, views: [value, g, acc, value2, acc2] } = views(args, MOMENTUM_UPDATE, ['value', 'gradient', 'acc']);
  for (let i = 0; i < value.length; i++) {
    const acci = a.momentum * acc[i] + g[i];
    acc2[i] = acci;
    value2[i] = value[i] - a.learningRate * (a.useNesterov ? g[i] + acci * a.momentum : acci);
  }
  return outputs;
}

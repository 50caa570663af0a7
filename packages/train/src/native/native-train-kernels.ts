// The fused training kernels of ../wasm/fused (batch-norm training forward and backward, activation gradients,
// optimizer updates) and MaxPoolGrad, run by the addon on the wasm backend's heap: C++ compiled for this CPU
// instead of TypeScript loops and chains of 128-bit SIMD kernels. Anything the addon does not take goes to
// the kernel registered before (the wasm version).
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ActivationGradKind, ConvActivation, OptimizerKind } from '@scaling-lab/native';
import { encodeConvInfo } from './conv-geometry';
import { CLIP_GRAD, HARD_SWISH_GRAD, RELU6_GRAD, RELU_GRAD, SIGMOID_GRAD, SWISH_GRAD } from '../wasm/fused/activations';
import {
  BATCH_NORM_TRAINING,
  BATCH_NORM_TRAINING_GRAD,
  type BatchNormTrainingAttrs,
} from '../wasm/fused/batch-norm-training';
import {
  ADAM_ROLES,
  ADAM_UPDATE,
  type AdamUpdateAttrs,
  MOMENTUM_ROLES,
  MOMENTUM_UPDATE,
  type MomentumUpdateAttrs,
  RMSPROP_ROLES,
  RMSPROP_UPDATE,
  type RMSPropUpdateAttrs,
} from '../wasm/fused/optimizer-updates';
import type { NativeKernelSpec } from './native-conv-kernels';

type Infos = Record<string, tf.TensorInfo | null | undefined>;

function float32(inputs: Infos, names: readonly string[]): tf.TensorInfo[] | null {
  const ts = names.map((n) => inputs[n]);
  return ts.every((t) => t != null && t.dtype === 'float32') ? (ts as tf.TensorInfo[]) : null;
}

/** Allocates the outputs first (an allocation may grow the heap and detach earlier views), then the views. */
function viewsAfterAlloc(backend: BackendWasm, inputs: tf.TensorInfo[], shapes: number[][]) {
  const outputs = shapes.map((s) => backend.makeOutput(s, 'float32'));
  const view = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
  return { outputs, ins: inputs.map(view), outs: outputs.map(view) };
}

/** Channels-last with at least one channel: the addon normalises over every axis but the last. */
function lastAxisChannels(x: tf.TensorInfo, channels: tf.TensorInfo[]): boolean {
  const c = x.shape[x.shape.length - 1];
  return x.shape.length >= 2 && c > 0 && channels.every((t) => t.shape.length === 1 && t.shape[0] === c);
}

const FOLDED: Record<string, ConvActivation> = {
  linear: ConvActivation.Linear,
  relu: ConvActivation.Relu,
  relu6: ConvActivation.Relu6,
};

function foldedActivation(attrs: Record<string, unknown>): ConvActivation | undefined {
  return FOLDED[(attrs as unknown as BatchNormTrainingAttrs).activation ?? 'linear'];
}

const batchNormForward: NativeKernelSpec['make'] = (addon, fallback) => (args) => {
  const ins = float32(args.inputs, ['x', 'scale', 'offset', 'movingMean', 'movingVariance']);
  const act = foldedActivation(args.attrs);
  if (ins == null || act == null || !lastAxisChannels(ins[0], ins.slice(1))) return fallback(args);
  const { varianceEpsilon, momentum } = args.attrs as unknown as BatchNormTrainingAttrs;
  const c = ins[1].shape;
  const { outputs, ins: v, outs: o } = viewsAfterAlloc(args.backend, ins, [ins[0].shape, c, c, c, c]);
  addon.batchNormForward(act, varianceEpsilon, momentum, v[0], v[1], v[2], v[3], v[4], o[0], o[1], o[2], o[3], o[4]);
  return outputs as unknown as tf.TensorInfo;
};

const batchNormBackward: NativeKernelSpec['make'] = (addon, fallback) => (args) => {
  const act = foldedActivation(args.attrs);
  const names = ['dy', 'x', 'scale', 'mean', 'variance', ...(act === ConvActivation.Linear ? [] : ['y'])];
  const ins = float32(args.inputs, names);
  if (
    ins == null ||
    act == null ||
    !lastAxisChannels(ins[1], ins.slice(2, 5)) ||
    !tf.util.arraysEqual(ins[0].shape, ins[1].shape) ||
    (ins[5] != null && !tf.util.arraysEqual(ins[5].shape, ins[1].shape))
  )
    return fallback(args);
  const { varianceEpsilon } = args.attrs as unknown as BatchNormTrainingAttrs;
  const c = ins[2].shape;
  const { outputs, ins: v, outs: o } = viewsAfterAlloc(args.backend, ins, [ins[1].shape, c, c]);
  addon.batchNormBackward(act, varianceEpsilon, v[0], v[5] ?? null, v[1], v[2], v[3], v[4], o[0], o[1], o[2]);
  return outputs as unknown as tf.TensorInfo;
};

const activationGrad =
  (kind: ActivationGradKind): NativeKernelSpec['make'] =>
  (addon, fallback) =>
  (args) => {
    const ins = float32(args.inputs, ['dy', 'x']);
    if (ins == null || !tf.util.arraysEqual(ins[0].shape, ins[1].shape)) return fallback(args);
    const lo = kind === ActivationGradKind.Clip ? (args.attrs.clipValueMin as number) : 0;
    const hi = kind === ActivationGradKind.Clip ? (args.attrs.clipValueMax as number) : 0;
    const { outputs, ins: v, outs: o } = viewsAfterAlloc(args.backend, ins, [ins[1].shape]);
    addon.activationGrad(kind, lo, hi, v[0], v[1], o[0]);
    return outputs[0];
  };

/** Hyperparameters in the addon's order (see NativeAddon.optimizerUpdate). */
const HYPER: Record<OptimizerKind, (attrs: Record<string, unknown>) => number[]> = {
  [OptimizerKind.Adam]: (a) => {
    const h = a as unknown as AdamUpdateAttrs;
    return [h.learningRate, h.beta1, h.beta2, h.epsilon, h.oneMinusAccBeta1, h.oneMinusAccBeta2];
  },
  [OptimizerKind.RMSProp]: (a) => {
    const h = a as unknown as RMSPropUpdateAttrs;
    return [h.learningRate, h.decay, h.momentum, h.epsilon];
  },
  [OptimizerKind.Momentum]: (a) => {
    const h = a as unknown as MomentumUpdateAttrs;
    return [h.learningRate, h.momentum, h.useNesterov ? 1 : 0];
  },
};

const optimizerUpdate =
  (kind: OptimizerKind, roles: readonly string[]): NativeKernelSpec['make'] =>
  (addon, fallback) =>
  (args) => {
    const count = args.attrs.count as number;
    const rows: tf.TensorInfo[][] = [];
    for (let k = 0; k < count; k++) {
      const row = float32(
        args.inputs,
        roles.map((r) => `${r}${k}`),
      );
      if (row == null || row.some((t) => !tf.util.arraysEqual(t.shape, row[0].shape))) return fallback(args);
      rows.push(row);
    }
    const { backend } = args;
    // Outputs per variable: the new value and slots (every role but the gradient), allocated before any offset is read.
    const outputs = rows.map((row) => row.slice(1).map(() => backend.makeOutput(row[0].shape, 'float32')));
    const perVariable = 2 * roles.length - 1;
    const offsets = new Float64Array(count * perVariable);
    const lengths = new Float64Array(count);
    rows.forEach((row, k) => {
      lengths[k] = tf.util.sizeFromShape(row[0].shape);
      [...row, ...outputs[k]].forEach((t, j) => (offsets[k * perVariable + j] = backend.getMemoryOffset(t.dataId)));
    });
    // Any view's buffer is the heap itself (taken after the allocations above).
    const heap = (backend.typedArrayFromHeap(rows[0][0]) as Float32Array).buffer as ArrayBuffer;
    addon.optimizerUpdate(kind, Float64Array.from(HYPER[kind](args.attrs)), heap, offsets, lengths);
    return outputs.flat() as unknown as tf.TensorInfo;
  };

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const maxPoolGrad: NativeKernelSpec['make'] = (addon, fallback) => (args) => {
  const ins = float32(args.inputs, ['dy', 'input']);
  if (ins == null || ins[1].shape.length !== 4) return fallback(args);
  const [dy, input] = ins;
  const a = args.attrs as unknown as PoolAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
  const { top, left, bottom, right } = info.padInfo;
  if (
    !tf.util.arraysEqual(dy.shape, [info.batchSize, info.outHeight, info.outWidth, info.outChannels]) ||
    top < 0 ||
    left < 0
  )
    return fallback(args);
  // computePool2DInfo was given dilation 1; max pool is per channel, like a depthwise window.
  const geometry = encodeConvInfo(info, { bottom: Math.max(0, bottom), right: Math.max(0, right) }, info.inChannels);
  const { outputs, ins: v, outs: o } = viewsAfterAlloc(args.backend, [input, dy], [input.shape]);
  addon.maxPoolGrad(geometry, v[0], v[1], o[0]);
  return outputs[0];
};

/** The training kernels the addon replaces on the wasm backend (after the wasm training kernels are installed). */
export const NATIVE_TRAIN_KERNELS: readonly NativeKernelSpec[] = [
  { kernelName: BATCH_NORM_TRAINING, make: batchNormForward },
  { kernelName: BATCH_NORM_TRAINING_GRAD, make: batchNormBackward },
  { kernelName: RELU_GRAD, make: activationGrad(ActivationGradKind.Relu) },
  { kernelName: RELU6_GRAD, make: activationGrad(ActivationGradKind.Relu6) },
  { kernelName: CLIP_GRAD, make: activationGrad(ActivationGradKind.Clip) },
  { kernelName: SIGMOID_GRAD, make: activationGrad(ActivationGradKind.Sigmoid) },
  { kernelName: SWISH_GRAD, make: activationGrad(ActivationGradKind.Swish) },
  { kernelName: HARD_SWISH_GRAD, make: activationGrad(ActivationGradKind.HardSwish) },
  { kernelName: ADAM_UPDATE, make: optimizerUpdate(OptimizerKind.Adam, ADAM_ROLES) },
  { kernelName: RMSPROP_UPDATE, make: optimizerUpdate(OptimizerKind.RMSProp, RMSPROP_ROLES) },
  { kernelName: MOMENTUM_UPDATE, make: optimizerUpdate(OptimizerKind.Momentum, MOMENTUM_ROLES) },
  { kernelName: tf.MaxPoolGrad, make: maxPoolGrad },
];

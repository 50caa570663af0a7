// Batch norm in training mode as two kernels: the forward computes the batch moments, normalises and
// returns the updated moving statistics (Keras' `moving -= (moving - batch) * (1 - momentum)`); the backward
// returns dx, dgamma and dbeta. Stock tfjs spends ~25 kernels per batch-norm layer on
// the same work (moments, normalisation, moving averages and their gradients).
import * as tf from '@tensorflow/tfjs';
import { KernelScope } from '../kernel-scope';
import { HeapKernelArgs, requireFloat32 } from './heap';

export const BATCH_NORM_TRAINING = 'ScalingLabBatchNormTraining';
export const BATCH_NORM_TRAINING_GRAD = 'ScalingLabBatchNormTrainingGrad';

export interface BatchNormTrainingAttrs {
  varianceEpsilon: number;
  /** Keras momentum: the weight of the running value (0.99 by default). */
  momentum: number;
  /** An activation applied to y in the same kernel (a following ReLU layer folded in); default linear. */
  activation?: 'linear' | 'relu' | 'relu6';
}

const ACTIVATION_KERNEL = { relu: 'Relu', relu6: 'Relu6' } as const;

/**
 * dy where the folded activation's output y shows a slope of 1 (ReLU: y > 0; ReLU6: 0 < y < 6), else 0; dy
 * itself without an activation.
 */
function throughActivation(
  s: KernelScope,
  dy: tf.TensorInfo,
  y: tf.TensorInfo | undefined,
  activation: BatchNormTrainingAttrs['activation'],
): tf.TensorInfo {
  if (activation == null || activation === 'linear') return dy;
  const k = BATCH_NORM_TRAINING_GRAD;
  const yv = requireFloat32(y, k, 'y');
  const out = s.track(s.backend.makeOutput(dy.shape, 'float32'));
  const [g, yy, o] = [dy, yv, out].map((t) => s.backend.typedArrayFromHeap(t) as Float32Array);
  const upper = activation === 'relu6' ? 6 : Infinity;
  for (let i = 0; i < o.length; i++) o[i] = yy[i] > 0 && yy[i] < upper ? g[i] : 0;
  return out;
}

function leadingAxes(shape: number[]): number[] {
  return shape.slice(0, -1).map((_, i) => i);
}

function vector(backend: HeapKernelArgs['backend'], values: Float32Array): tf.TensorInfo {
  return backend.makeOutput([values.length], 'float32', undefined, values);
}

/** Outputs: y, batch mean, batch variance (biased), new moving mean, new moving variance. */
export function batchNormTrainingWasm({ inputs, backend, attrs }: HeapKernelArgs): tf.TensorInfo[] {
  const k = BATCH_NORM_TRAINING;
  const x = requireFloat32(inputs.x, k, 'x');
  const [scale, offset, movingMean, movingVariance] = (
    ['scale', 'offset', 'movingMean', 'movingVariance'] as const
  ).map((n) => requireFloat32(inputs[n], k, n));
  const { varianceEpsilon, momentum, activation } = attrs as unknown as BatchNormTrainingAttrs;
  const axis = leadingAxes(x.shape);
  const s = new KernelScope(backend);
  try {
    // The elementwise passes run on the stock (SIMD) wasm kernels, called directly rather than through the engine.
    const mean = s.run('Mean', { x }, { axis, keepDims: false });
    const centred = s.run('Sub', { a: x, b: mean });
    const variance = s.run('Mean', { x: s.run('Square', { x: centred }) }, { axis, keepDims: false });
    const normed = s.run('FusedBatchNorm', { x, mean, variance, scale, offset }, { varianceEpsilon });
    const y =
      activation == null || activation === 'linear' ? normed : s.run(ACTIVATION_KERNEL[activation], { x: normed });
    const c = mean.shape[0];
    const newMean = new Float32Array(c);
    const newVar = new Float32Array(c);
    const [mv, vv, mm, mvar] = [mean, variance, movingMean, movingVariance].map(
      (t) => backend.typedArrayFromHeap(t) as Float32Array,
    );
    const decay = 1 - momentum;
    for (let j = 0; j < c; j++) {
      newMean[j] = mm[j] - (mm[j] - mv[j]) * decay;
      newVar[j] = mvar[j] - (mvar[j] - vv[j]) * decay;
    }
    return [s.keep(y), s.keep(mean), s.keep(variance), vector(backend, newMean), vector(backend, newVar)];
  } finally {
    s.dispose();
  }
}

/**
 * Inputs dy, x, scale, mean, variance (the forward's batch statistics) and, with a folded activation, the
 * forward's output y; outputs dx, dscale, doffset.
 */
export function batchNormTrainingGradWasm({ inputs, backend, attrs }: HeapKernelArgs): tf.TensorInfo[] {
  const k = BATCH_NORM_TRAINING_GRAD;
  const [dyIn, x, scale, mean, variance] = (['dy', 'x', 'scale', 'mean', 'variance'] as const).map((n) =>
    requireFloat32(inputs[n], k, n),
  );
  const { varianceEpsilon, activation } = attrs as unknown as BatchNormTrainingAttrs;
  const axis = leadingAxes(x.shape);
  const count = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const s = new KernelScope(backend);
  try {
    const dy = throughActivation(s, dyIn, inputs.y, activation);
    const centred = s.run('Sub', { a: x, b: mean });
    const sumDy = s.run('Sum', { x: dy }, { axis, keepDims: false });
    const sumDyXc = s.run('Sum', { x: s.run('Multiply', { a: dy, b: centred }) }, { axis, keepDims: false });
    const c = mean.shape[0];
    // dx = gamma * rstd * (dy - mean(dy) - xhat * mean(dy * xhat)) = dy * a + centred * b + d per channel.
    const [gamma, vv, sdy, sdx] = [scale, variance, sumDy, sumDyXc].map(
      (t) => backend.typedArrayFromHeap(t) as Float32Array,
    );
    const a = new Float32Array(c);
    const b = new Float32Array(c);
    const d = new Float32Array(c);
    const dscale = new Float32Array(c);
    const doffset = new Float32Array(c);
    for (let j = 0; j < c; j++) {
      const rstd = 1 / Math.sqrt(vv[j] + varianceEpsilon);
      doffset[j] = sdy[j];
      dscale[j] = sdx[j] * rstd;
      a[j] = gamma[j] * rstd;
      b[j] = (-gamma[j] * rstd * rstd * rstd * sdx[j]) / count;
      d[j] = (-gamma[j] * rstd * sdy[j]) / count;
    }
    const [aT, bT, dT] = [a, b, d].map((v) => s.track(vector(backend, v)));
    const zeros = s.track(vector(backend, new Float32Array(c)));
    const ones = s.track(vector(backend, new Float32Array(c).fill(1)));
    // An affine map per channel in one pass: FusedBatchNorm with mean 0, variance 1 and epsilon 0.
    const affine = s.run(
      'FusedBatchNorm',
      { x: centred, mean: zeros, variance: ones, scale: bT, offset: dT },
      { varianceEpsilon: 0 },
    );
    const dx = s.run('Add', { a: s.run('Multiply', { a: dy, b: aT }), b: affine });
    return [s.keep(dx), vector(backend, dscale), vector(backend, doffset)];
  } finally {
    s.dispose();
  }
}

export const batchNormTrainingGradConfig: tf.GradConfig = {
  kernelName: BATCH_NORM_TRAINING,
  inputsToSave: ['x', 'scale'],
  // y only matters with a folded activation; saving it costs nothing on wasm (saved copies share the buffer).
  outputsToSave: [true, true, true, false, false],
  gradFunc: (dys: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => {
    const dy = (dys as tf.Tensor[])[0];
    const [x, scale, y, mean, variance] = saved;
    const inputs: tf.NamedTensorMap = { dy, x, scale, mean, variance };
    if (attrs.activation != null && attrs.activation !== 'linear') inputs.y = y;
    const [dx, dscale, doffset] = tf.engine().runKernel(BATCH_NORM_TRAINING_GRAD, inputs, attrs) as tf.Tensor[];
    // The moving statistics are state, not parameters: nothing differentiates through them.
    return {
      x: () => dx,
      scale: () => dscale,
      offset: () => doffset,
      movingMean: () => tf.zerosLike(mean),
      movingVariance: () => tf.zerosLike(variance),
    };
  },
};

/** Runs the forward kernel: [y, batchMean, batchVariance, newMovingMean, newMovingVariance]. */
export function batchNormTraining(
  x: tf.Tensor,
  scale: tf.Tensor,
  offset: tf.Tensor,
  movingMean: tf.Tensor,
  movingVariance: tf.Tensor,
  attrs: BatchNormTrainingAttrs,
): tf.Tensor[] {
  return tf
    .engine()
    .runKernel(
      BATCH_NORM_TRAINING,
      { x, scale, offset, movingMean, movingVariance },
      attrs as unknown as tf.NamedAttrMap,
    ) as tf.Tensor[];
}

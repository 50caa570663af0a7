/**
 * The addon's inference kernels: the convolution of addon/inference-conv.h (batch norm folded into filter
 * and bias by the caller, the residual add and the activation fused as oneDNN post-ops, so one call is a
 * whole conv block) and the squeeze-excite gate's pooling and channel scaling (addon/squeeze-excite.h).
 */

/** Activation applied after the residual add; the numbers are the addon's. */
export enum InferenceActivation {
  Linear = 0,
  Relu = 1,
  Relu6 = 2,
  /** x · sigmoid(x). */
  Swish = 3,
  Sigmoid = 4,
  /** x · relu6(x + 3) / 6. */
  HardSwish = 5,
  /** relu6(x + 3) / 6. */
  HardSigmoid = 6,
}

export interface NativeInferenceKernels {
  /** y = act(conv(x, filter) + bias + residual), NHWC; bias ([co]) and residual (y's shape) may be null. */
  convInference(
    geometry: Int32Array,
    activation: InferenceActivation,
    x: Float32Array,
    filter: Float32Array,
    bias: Float32Array | null,
    residual: Float32Array | null,
    y: Float32Array,
  ): void;
  /** y[n, c] = mean of x[n, :, :, c] over its hw pixels (NHWC). */
  globalAveragePool(n: number, hw: number, c: number, x: Float32Array, y: Float32Array): void;
  /** y[n, p, c] = x[n, p, c] · s[n, c] for each of the hw pixels p (NHWC). */
  channelScale(n: number, hw: number, c: number, x: Float32Array, s: Float32Array, y: Float32Array): void;
  /** The oneDNN implementation that runs a case, e.g. 'brg:avx512_core'. */
  inferenceImplementation(
    geometry: Int32Array,
    activation: InferenceActivation,
    hasBias: boolean,
    hasResidual: boolean,
  ): string;
}

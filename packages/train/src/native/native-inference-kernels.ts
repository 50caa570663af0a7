/**
 * The inference kernels on the wasm backend, run by the oneDNN addon on the backend's heap: one kernel
 * computes act(conv(x, filter) + bias + residual) for a conv block whose batch norm is folded into filter and
 * bias, and two run a squeeze-excite gate's global average pool and per-example channel scaling. Registered
 * while the native kernels are enabled; the inference plan checks for them and uses stock kernels otherwise.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { InferenceActivation, type NativeAddon } from '@scaling-lab/native';
import { type ConvAttrs, nativeGeometry } from './conv-geometry';

export const INFERENCE_CONV = 'ScalingLabInferenceConv2D';
/** x [n, h, w, c] -> [n, c], the mean over height and width. */
export const GLOBAL_AVG_POOL = 'ScalingLabGlobalAvgPool';
/** x [n, h, w, c] times s [n, 1, 1, c] (or [n, c]) -> [n, h, w, c]. */
export const CHANNEL_SCALE = 'ScalingLabChannelScale';

const BACKEND = 'wasm';

export interface InferenceConvAttrs extends ConvAttrs {
  depthwise: boolean;
  activation: InferenceActivation;
  /** The addon geometry `inferenceConvGeometry` returned, so a conv block's shapes are worked out once. */
  geometry?: Int32Array;
}

type KernelArgs = {
  inputs: Record<string, tf.TensorInfo | undefined>;
  backend: BackendWasm;
  attrs: Record<string, unknown>;
};

function requireFloat32(t: tf.TensorInfo | undefined, name: string): tf.TensorInfo {
  if (t == null || t.dtype !== 'float32') throw new Error(`${INFERENCE_CONV}: '${name}' must be a float32 tensor`);
  return t;
}

function makeInferenceConv(addon: NativeAddon): tf.KernelFunc {
  return ((args: KernelArgs) => {
    const x = requireFloat32(args.inputs.x, 'x');
    const filter = requireFloat32(args.inputs.filter, 'filter');
    const { bias, residual } = args.inputs;
    if (bias != null) requireFloat32(bias, 'bias');
    if (residual != null) requireFloat32(residual, 'residual');
    const attrs = args.attrs as unknown as InferenceConvAttrs;
    const geometry = attrs.geometry ?? inferenceConvGeometry(x.shape, filter.shape, attrs);
    if (geometry == null) throw new Error(`${INFERENCE_CONV}: unsupported geometry; check inferenceConvGeometry first`);
    const [n, , , , oh, ow, co] = geometry;
    // Allocate first, then take every view: an allocation may grow the heap and detach earlier views.
    const out = args.backend.makeOutput([n, oh, ow, co], 'float32');
    const view = (t: tf.TensorInfo) => args.backend.typedArrayFromHeap(t) as Float32Array;
    addon.convInference(
      geometry,
      attrs.activation,
      view(x),
      view(filter),
      bias == null ? null : view(bias),
      residual == null ? null : view(residual),
      view(out),
    );
    return out;
  }) as unknown as tf.KernelFunc;
}

function makeGlobalAvgPool(addon: NativeAddon): tf.KernelFunc {
  return ((args: KernelArgs) => {
    const x = requireFloat32(args.inputs.x, 'x');
    if (x.shape.length !== 4) throw new Error(`${GLOBAL_AVG_POOL}: x must be [n, h, w, c], got [${x.shape}]`);
    const [n, h, w, c] = x.shape;
    const out = args.backend.makeOutput([n, c], 'float32');
    const view = (t: tf.TensorInfo) => args.backend.typedArrayFromHeap(t) as Float32Array;
    addon.globalAveragePool(n, h * w, c, view(x), view(out));
    return out;
  }) as unknown as tf.KernelFunc;
}

function makeChannelScale(addon: NativeAddon): tf.KernelFunc {
  return ((args: KernelArgs) => {
    const x = requireFloat32(args.inputs.x, 'x');
    const s = requireFloat32(args.inputs.s, 's');
    const [n, h, w, c] = x.shape;
    if (
      x.shape.length !== 4 ||
      s.shape[0] !== n ||
      s.shape[s.shape.length - 1] !== c ||
      s.shape.slice(1, -1).some((d) => d !== 1)
    )
      throw new Error(`${CHANNEL_SCALE}: x must be [n, h, w, c] and s [n, 1, 1, c], got [${x.shape}] and [${s.shape}]`);
    const out = args.backend.makeOutput([n, h, w, c], 'float32');
    const view = (t: tf.TensorInfo) => args.backend.typedArrayFromHeap(t) as Float32Array;
    addon.channelScale(n, h * w, c, view(x), view(s), view(out));
    return out;
  }) as unknown as tf.KernelFunc;
}

const KERNELS: ReadonlyArray<{ kernelName: string; make: (addon: NativeAddon) => tf.KernelFunc }> = [
  { kernelName: INFERENCE_CONV, make: makeInferenceConv },
  { kernelName: GLOBAL_AVG_POOL, make: makeGlobalAvgPool },
  { kernelName: CHANNEL_SCALE, make: makeChannelScale },
];

/** Registers the kernels for `addon` (replacing earlier registrations). */
export function enableNativeInferenceKernels(addon: NativeAddon): void {
  disableNativeInferenceKernels();
  for (const { kernelName, make } of KERNELS)
    tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc: make(addon) });
}

export function disableNativeInferenceKernels(): void {
  for (const { kernelName } of KERNELS)
    if (tf.getKernel(kernelName, BACKEND) != null) tf.unregisterKernel(kernelName, BACKEND);
}

/** Whether the native inference kernels run on the active backend. */
export function nativeInferenceActive(): boolean {
  return tf.getBackend() === BACKEND && tf.getKernel(INFERENCE_CONV, BACKEND) != null;
}

/** Mean over height and width of an NHWC tensor: one native kernel where it runs, else tf.mean. */
export function globalAveragePool(x: tf.Tensor): tf.Tensor {
  if (x.rank === 4 && x.dtype === 'float32' && x.size > 0 && nativeInferenceActive())
    return tf.engine().runKernel(GLOBAL_AVG_POOL, { x }) as tf.Tensor;
  return tf.mean(x, [1, 2]);
}

/** x [n, h, w, c] times s [n, 1, 1, c]: one native kernel where it runs, else tf.mul. */
export function channelScale(x: tf.Tensor, s: tf.Tensor): tf.Tensor {
  const fits =
    x.rank === 4 &&
    s.rank === 4 &&
    s.shape[0] === x.shape[0] &&
    s.shape[1] === 1 &&
    s.shape[2] === 1 &&
    s.shape[3] === x.shape[3] &&
    x.dtype === 'float32' &&
    s.dtype === 'float32' &&
    x.size > 0;
  if (fits && nativeInferenceActive()) return tf.engine().runKernel(CHANNEL_SCALE, { x, s }) as tf.Tensor;
  return tf.mul(x, s);
}

/** The addon geometry of this convolution, or null when the kernel does not take it (NCHW, padding oneDNN cannot express). */
export function inferenceConvGeometry(
  xShape: number[],
  filterShape: number[],
  attrs: InferenceConvAttrs,
): Int32Array | null {
  return nativeGeometry(xShape, filterShape, attrs, attrs.depthwise);
}

/**
 * The inference convolution kernel on the wasm backend, run by the oneDNN addon on the backend's heap: one
 * kernel computes act(conv(x, filter) + bias + residual) for a conv block whose batch norm is folded into
 * filter and bias. Registered while the native kernels are enabled; the inference plan checks for it and
 * composes stock kernels otherwise.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { InferenceActivation, type NativeAddon } from '@scaling-lab/native';
import { type ConvAttrs, nativeGeometry } from './conv-geometry';

export const INFERENCE_CONV = 'ScalingLabInferenceConv2D';

const BACKEND = 'wasm';

export interface InferenceConvAttrs extends ConvAttrs {
  depthwise: boolean;
  activation: InferenceActivation;
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

function makeKernel(addon: NativeAddon): tf.KernelFunc {
  return ((args: KernelArgs) => {
    const x = requireFloat32(args.inputs.x, 'x');
    const filter = requireFloat32(args.inputs.filter, 'filter');
    const { bias, residual } = args.inputs;
    if (bias != null) requireFloat32(bias, 'bias');
    if (residual != null) requireFloat32(residual, 'residual');
    const attrs = args.attrs as unknown as InferenceConvAttrs;
    const geometry = nativeGeometry(x.shape, filter.shape, attrs, attrs.depthwise);
    if (geometry == null)
      throw new Error(`${INFERENCE_CONV}: unsupported geometry; check inferenceConvSupported first`);
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

/** Registers the kernel for `addon` (replacing an earlier registration). */
export function enableNativeInferenceKernels(addon: NativeAddon): void {
  if (tf.getKernel(INFERENCE_CONV, BACKEND) != null) tf.unregisterKernel(INFERENCE_CONV, BACKEND);
  tf.registerKernel({ kernelName: INFERENCE_CONV, backendName: BACKEND, kernelFunc: makeKernel(addon) });
}

export function disableNativeInferenceKernels(): void {
  if (tf.getKernel(INFERENCE_CONV, BACKEND) != null) tf.unregisterKernel(INFERENCE_CONV, BACKEND);
}

/** Whether the native inference convolution runs on the active backend. */
export function nativeInferenceActive(): boolean {
  return tf.getBackend() === BACKEND && tf.getKernel(INFERENCE_CONV, BACKEND) != null;
}

/** Whether the kernel takes this convolution (NHWC, a padding oneDNN can express). */
export function inferenceConvSupported(xShape: number[], filterShape: number[], attrs: InferenceConvAttrs): boolean {
  return nativeGeometry(xShape, filterShape, attrs, attrs.depthwise) != null;
}

// The wasm backend's convolution kernels, run by the oneDNN addon on the backend's own heap: inputs and
// the freshly allocated output are Float32Array views of wasm memory, so nothing is copied. Cases the
// addon does not take (channels-first, other dtypes, fused activations other than ReLU/ReLU6, PReLU)
// go to the kernel that was registered before.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ConvActivation, ConvPass, type NativeAddon } from '@scaling-lab/native';
import { type ConvAttrs, nativeGeometry } from './conv-geometry';

type KernelArgs = {
  inputs: Record<string, tf.TensorInfo | null | undefined>;
  backend: BackendWasm;
  attrs: Record<string, unknown>;
};
type Fallback = (args: KernelArgs) => tf.TensorInfo;

const ACTIVATIONS: Record<string, ConvActivation> = {
  linear: ConvActivation.Linear,
  relu: ConvActivation.Relu,
  relu6: ConvActivation.Relu6,
};

function allFloat32(...ts: Array<tf.TensorInfo | null | undefined>): boolean {
  return ts.every((t) => t == null || t.dtype === 'float32');
}

/**
 * Allocates the output, then takes every view: allocation may grow wasm memory, which detaches views
 * made before it. Nothing allocates between taking the views and the synchronous addon call.
 */
function runOnHeap(
  backend: BackendWasm,
  addon: NativeAddon,
  pass: ConvPass,
  geometry: Int32Array,
  activation: ConvActivation,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  bias: tf.TensorInfo | null,
  outShape: number[],
): tf.TensorInfo {
  const out = backend.makeOutput(outShape, 'float32');
  const view = (t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
  addon.conv(pass, geometry, activation, view(a), view(b), bias == null ? null : view(bias), view(out));
  return out;
}

export interface NativeKernelSpec {
  kernelName: string;
  make: (addon: NativeAddon, fallback: Fallback) => (args: KernelArgs) => tf.TensorInfo;
}

const forward =
  (depthwise: boolean, fused: boolean): NativeKernelSpec['make'] =>
  (addon, fallback) =>
  (args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const attrs = args.attrs as unknown as ConvAttrs & { activation?: string };
    const activation = ACTIVATIONS[fused ? (attrs.activation ?? 'linear') : 'linear'];
    const biasOk =
      bias == null ||
      (bias.shape.length === 1 &&
        bias.shape[0] === filter!.shape[depthwise ? 2 : 3] * (depthwise ? filter!.shape[3] : 1));
    const geometry =
      activation != null && preluActivationWeights == null && biasOk && allFloat32(x, filter, bias)
        ? nativeGeometry(x!.shape, filter!.shape, attrs, depthwise)
        : null;
    if (geometry == null) return fallback(args);
    const [n, , , , oh, ow, co] = geometry;
    return runOnHeap(args.backend, addon, ConvPass.Forward, geometry, activation, x!, filter!, bias ?? null, [
      n,
      oh,
      ow,
      co,
    ]);
  };

const backwardData =
  (depthwise: boolean): NativeKernelSpec['make'] =>
  (addon, fallback) =>
  (args) => {
    const { dy, filter } = args.inputs as Record<string, tf.TensorInfo>;
    const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
    const geometry = allFloat32(dy, filter) ? nativeGeometry(attrs.inputShape, filter.shape, attrs, depthwise) : null;
    if (geometry == null) return fallback(args);
    return runOnHeap(args.backend, addon, ConvPass.BackwardData, geometry, ConvActivation.Linear, dy, filter, null, [
      ...attrs.inputShape,
    ]);
  };

const backwardWeights =
  (depthwise: boolean): NativeKernelSpec['make'] =>
  (addon, fallback) =>
  (args) => {
    const { x, dy } = args.inputs as Record<string, tf.TensorInfo>;
    const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
    const geometry = allFloat32(x, dy) ? nativeGeometry(x.shape, attrs.filterShape, attrs, depthwise) : null;
    if (geometry == null) return fallback(args);
    return runOnHeap(args.backend, addon, ConvPass.BackwardWeights, geometry, ConvActivation.Linear, x, dy, null, [
      ...attrs.filterShape,
    ]);
  };

/** The kernels the addon replaces on the wasm backend. */
export const NATIVE_CONV_KERNELS: readonly NativeKernelSpec[] = [
  { kernelName: tf.Conv2D, make: forward(false, false) },
  { kernelName: tf.FusedConv2D, make: forward(false, true) },
  { kernelName: tf.Conv2DBackpropInput, make: backwardData(false) },
  { kernelName: tf.Conv2DBackpropFilter, make: backwardWeights(false) },
  { kernelName: tf.DepthwiseConv2dNative, make: forward(true, false) },
  { kernelName: tf.DepthwiseConv2dNativeBackpropInput, make: backwardData(true) },
  { kernelName: tf.DepthwiseConv2dNativeBackpropFilter, make: backwardWeights(true) },
];

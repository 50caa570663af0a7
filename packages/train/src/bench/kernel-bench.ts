// Milliseconds per call of the convolution kernels a training step runs, on the active backend.
// Shapes default to a mid-network layer of a small convnet (x [16, 28, 28, 32], 3x3, 32 -> 64).
import * as tf from '@tensorflow/tfjs';

export interface KernelTiming {
  kernel: string;
  label: string;
  ms: number;
}

export interface KernelBenchShape {
  batch: number;
  size: number;
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: number;
  pad: 'same' | 'valid';
}

export const DEFAULT_KERNEL_SHAPE: KernelBenchShape = { batch: 16, size: 28, inChannels: 32, outChannels: 64, kernelSize: 3, stride: 1, pad: 'same' };

function medianMs(fn: () => tf.Tensor, reps: number): number {
  tf.dispose(fn()); // warm-up: builds and caches XNNPACK operators
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const out = fn();
    out.dataSync(); // forces completion on asynchronous backends; cheap relative to the kernels here
    times.push(performance.now() - t0);
    out.dispose();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Times forward and both gradients of a convolution and of a depthwise convolution. */
export function benchConvKernels(shape: KernelBenchShape = DEFAULT_KERNEL_SHAPE, reps = 5): KernelTiming[] {
  const { batch: n, size, inChannels: ci, outChannels: co, kernelSize: k, stride, pad } = shape;
  const x = tf.randomNormal([n, size, size, ci]) as tf.Tensor4D;
  const w = tf.randomNormal([k, k, ci, co]) as tf.Tensor4D;
  const dw = tf.randomNormal([k, k, ci, 1]) as tf.Tensor4D;
  const y = tf.conv2d(x, w, stride, pad);
  const yd = tf.depthwiseConv2d(x, dw, stride, pad);
  const dy = tf.randomNormal(y.shape);
  const dyd = tf.randomNormal(yd.shape);
  const conv = { strides: stride, pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
  const dwAttrs = { strides: stride, pad, dilations: 1, dimRoundingMode: undefined };
  const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) => () =>
    tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
  const cases: Array<[string, string, () => tf.Tensor]> = [
    [tf.Conv2D, 'forward conv', run(tf.Conv2D, { x, filter: w }, { ...conv, dilations: 1 })],
    [tf.Conv2DBackpropInput, 'conv input gradient', run(tf.Conv2DBackpropInput, { dy, filter: w }, { ...conv, inputShape: x.shape })],
    [tf.Conv2DBackpropFilter, 'conv filter gradient', run(tf.Conv2DBackpropFilter, { x, dy }, { ...conv, filterShape: w.shape })],
    [tf.DepthwiseConv2dNative, 'forward depthwise', run(tf.DepthwiseConv2dNative, { x, filter: dw }, dwAttrs)],
    [tf.DepthwiseConv2dNativeBackpropInput, 'depthwise input gradient', run(tf.DepthwiseConv2dNativeBackpropInput, { dy: dyd, filter: dw }, { ...dwAttrs, inputShape: x.shape })],
    [tf.DepthwiseConv2dNativeBackpropFilter, 'depthwise filter gradient', run(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy: dyd }, { ...dwAttrs, filterShape: dw.shape })],
  ];
  const timings: KernelTiming[] = [];
  for (const [kernel, label, fn] of cases) {
    let ms = NaN;
    try {
      ms = medianMs(fn, reps);
    } catch {
      // A kernel the backend lacks is reported as NaN rather than aborting the whole table.
    }
    timings.push({ kernel, label, ms });
  }
  tf.dispose([x, w, dw, y, yd, dy, dyd]);
  return timings;
}

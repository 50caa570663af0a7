// Padding arithmetic that turns a convolution's gradients into forward convolutions: the filter
// gradient correlates the input with the output gradient (dilation = stride), the input gradient
// correlates the zero-dilated output gradient with the flipped filter (Dumoulin & Visin 2016,
// "A guide to convolution arithmetic", section 4). TF 'same' padding may be asymmetric; that is kept.
import * as tf from '@tensorflow/tfjs';
import { ExplicitPad, KernelScope, explicitPad } from './kernel-scope';

type PadAttr = 'valid' | 'same' | number | ExplicitPad;

/** Forward-convolution geometry of the op whose gradient is taken (NHWC, dilation 1). */
export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  kH: number;
  kW: number;
  sH: number;
  sW: number;
  padTop: number;
  padLeft: number;
}

export function convGeometry(
  xShape: number[],
  filterShape: number[],
  strides: number | [number, number],
  pad: PadAttr,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise: boolean,
  dataFormat?: string,
): ConvGeometry {
  if (dataFormat != null && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new Error(`wasm training kernels support dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad as never,
    dimRoundingMode,
    depthwise,
  );
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    outH: info.outHeight,
    outW: info.outWidth,
    kH: info.filterHeight,
    kW: info.filterWidth,
    sH: info.strideHeight,
    sW: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Pads that make a stride-1 correlation of a length-`n` signal with an effective kernel of
 * length `k` start at offset -`before` and produce exactly `want` outputs. Negative pads become
 * crops of the output. */
interface AxisPlan {
  before: number;
  after: number;
  cropBegin: number;
}

function axisPlan(n: number, k: number, before: number, want: number): AxisPlan {
  const after = want - 1 + k - n - before;
  return { before: Math.max(0, before), after: Math.max(0, after), cropBegin: Math.max(0, -before) };
}

export type ConvRunner = (
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  dilations: [number, number],
  pad: ExplicitPad,
) => tf.TensorInfo;

/** Stride-1 XNNPACK convolution / depthwise convolution as a ConvRunner. */
export function conv2dRunner(s: KernelScope): ConvRunner {
  return (x, f, d, pad) => s.conv2d(x, f, [1, 1], d, pad);
}

export function depthwiseRunner(s: KernelScope): ConvRunner {
  return (x, f, d, pad) => s.depthwiseConv2d(x, f, [1, 1], d, pad);
}

/**
 * Stride-1 correlation of x [B, h, w, C] with a (possibly dilated) filter of spatial size fh x fw so
 * that output row 0 reads input row -`top` and there are `wantH` x `wantW` outputs.
 */
export function correlate(
  s: KernelScope,
  run: ConvRunner,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  fh: number,
  fw: number,
  dilations: [number, number],
  top: number,
  left: number,
  wantH: number,
  wantW: number,
): tf.TensorInfo {
  const effH = (fh - 1) * dilations[0] + 1;
  const effW = (fw - 1) * dilations[1] + 1;
  const ph = axisPlan(x.shape[1], effH, top, wantH);
  const pw = axisPlan(x.shape[2], effW, left, wantW);
  const out = run(x, filter, dilations, explicitPad(ph.before, ph.after, pw.before, pw.after));
  if (out.shape[1] === wantH && out.shape[2] === wantW) return out;
  return s.slice(out, [0, ph.cropBegin, pw.cropBegin, 0], [out.shape[0], wantH, wantW, out.shape[3]]);
}

// tfjs conv info -> the addon's geometry. tfjs computes output sizes with its rounding mode and 'same'
// padding that may be asymmetric; oneDNN checks out = floor((in + padBefore + padAfter - effK) / s) + 1,
// so the trailing pad is re-derived from tfjs's output size where the two disagree.
import * as tf from '@tensorflow/tfjs';
import { encodeGeometry } from '@scaling-lab/native';

type PadAttr = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
type Pair = number | [number, number];

export interface ConvAttrs {
  strides: Pair;
  pad: PadAttr;
  dilations?: Pair;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Trailing pad that makes oneDNN's floor formula give `out`, or null when none does (negative). */
function trailingPad(
  size: number,
  effK: number,
  stride: number,
  before: number,
  after: number,
  out: number,
): number | null {
  if (Math.floor((size + before + after - effK) / stride) + 1 === out) return after;
  const derived = (out - 1) * stride + effK - size - before;
  return derived >= 0 ? derived : null;
}

/**
 * The geometry of a convolution with input `xShape` and filter `filterShape` (tfjs layouts), or null when
 * the native kernels do not take it (channels-first data, empty tensors, padding oneDNN cannot express).
 */
export function nativeGeometry(
  xShape: number[],
  filterShape: number[],
  attrs: ConvAttrs,
  depthwise: boolean,
): Int32Array | null {
  if (attrs.dataFormat != null && attrs.dataFormat !== 'NHWC' && attrs.dataFormat !== 'channelsLast') return null;
  if (xShape.length !== 4 || filterShape.length !== 4 || [...xShape, ...filterShape].some((d) => d <= 0)) return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    depthwise,
  );
  if (info.outHeight <= 0 || info.outWidth <= 0) return null;
  const { top, left, bottom, right } = info.padInfo;
  const padBottom = trailingPad(
    info.inHeight,
    info.effectiveFilterHeight,
    info.strideHeight,
    top,
    bottom,
    info.outHeight,
  );
  const padRight = trailingPad(info.inWidth, info.effectiveFilterWidth, info.strideWidth, left, right, info.outWidth);
  if (padBottom == null || padRight == null || top < 0 || left < 0) return null;
  return encodeConvInfo(info, { bottom: padBottom, right: padRight }, depthwise ? info.inChannels : 1);
}

/** The addon's geometry of a tfjs convolution or pooling info, with the trailing padding the caller settled. */
export function encodeConvInfo(
  info: tf.backend_util.Conv2DInfo,
  trailing: { readonly bottom: number; readonly right: number },
  groups: number,
): Int32Array {
  return encodeGeometry({
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    padBottom: trailing.bottom,
    padRight: trailing.right,
    groups,
  });
}

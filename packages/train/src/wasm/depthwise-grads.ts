// DepthwiseConv2dNative gradient kernels for the wasm backend on XNNPACK's forward depthwise
// convolution. Input gradient: depthwise correlation of the zero-dilated dy with the flipped filter.
// Filter gradient: batch folded into channels ([1, H, W, N*C]) and dy used as a per-channel filter at
// dilation = stride, then summed over the batch. Any channel multiplier works by the same folding.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, correlate, depthwiseRunner } from './grad-geometry';
import { withScope } from './kernel-scope';

interface GradAttrs {
  strides: number | [number, number];
  dilations?: number | [number, number];
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function assertNoDilation(dilations: GradAttrs['dilations'], kernel: string): void {
  const d = dilations == null ? [1, 1] : typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (d[0] !== 1 || d[1] !== 1) throw new Error(`${kernel} on wasm supports dilation 1 only, got [${d}]`);
}

/** dW [kh, kw, C, m] from x [N, H, W, C] and dy [N, oh, ow, C*m]. */
export function depthwiseBackpropFilterWasm(args: {
  inputs: { x: tf.TensorInfo; dy: tf.TensorInfo };
  backend: BackendWasm;
  attrs: GradAttrs & { filterShape: number[] };
}): tf.TensorInfo {
  const {
    inputs: { x, dy },
    backend,
    attrs,
  } = args;
  assertNoDilation(attrs.dilations, 'DepthwiseConv2dNativeBackpropFilter');
  const g = convGeometry(x.shape, attrs.filterShape, attrs.strides, attrs.pad, attrs.dimRoundingMode, true);
  const [kh, kw, c, m] = attrs.filterShape;
  const n = g.batch;
  return withScope(backend, (s) => {
    const xF = s.reshape(s.transpose(x, [1, 2, 0, 3]), [1, g.inH, g.inW, n * c]);
    const dyF = s.reshape(s.transpose(dy, [1, 2, 0, 3]), [g.outH, g.outW, n * c, m]);
    const out = correlate(s, depthwiseRunner(s), xF, dyF, g.outH, g.outW, [g.sH, g.sW], g.padTop, g.padLeft, kh, kw);
    const perImage = s.reshape(out, [kh, kw, n, c * m]);
    return s.reshape(s.sum(perImage, [2]), [kh, kw, c, m]);
  });
}

/** dx [N, H, W, C] from dy [N, oh, ow, C*m] and filter [kh, kw, C, m]. */
export function depthwiseBackpropInputWasm(args: {
  inputs: { dy: tf.TensorInfo; filter: tf.TensorInfo };
  backend: BackendWasm;
  attrs: GradAttrs & { inputShape: number[] };
}): tf.TensorInfo {
  const {
    inputs: { dy, filter },
    backend,
    attrs,
  } = args;
  assertNoDilation(attrs.dilations, 'DepthwiseConv2dNativeBackpropInput');
  const g = convGeometry(attrs.inputShape, filter.shape, attrs.strides, attrs.pad, attrs.dimRoundingMode, true);
  const [kh, kw, c, m] = filter.shape;
  return withScope(backend, (s) => {
    // Each of the C*m output channels is correlated with its own flipped filter tap set.
    const wFlip = s.reshape(s.reverse(filter, [0, 1]), [kh, kw, c * m, 1]);
    const dyD = s.zeroDilate(dy, g.sH, g.sW);
    const dx = correlate(
      s,
      depthwiseRunner(s),
      dyD,
      wFlip,
      kh,
      kw,
      [1, 1],
      kh - 1 - g.padTop,
      kw - 1 - g.padLeft,
      g.inH,
      g.inW,
    );
    if (m === 1) return dx;
    return s.sum(s.reshape(dx, [g.batch, g.inH, g.inW, c, m]), [4]);
  });
}

// Conv2D gradient kernels for the wasm backend, built on XNNPACK's forward convolution and matMul:
// the filter gradient is x (batch and channel axes swapped) correlated with dy as the filter at
// dilation = stride; the input gradient is the zero-dilated dy correlated with the flipped,
// in/out-swapped filter. 1x1 unstrided convolutions are plain matMuls in both directions.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2dRunner, convGeometry, correlate, ConvGeometry } from './grad-geometry';
import { conv2dInputGradSubpixel, subpixelApplies } from './conv2d-input-subpixel';
import { KernelScope, withScope } from './kernel-scope';

interface GradAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dataFormat?: string;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function isPointwise(g: ConvGeometry): boolean {
  return g.kH === 1 && g.kW === 1 && g.sH === 1 && g.sW === 1 && g.padTop === 0 && g.padLeft === 0;
}

/** Input channels up to which the im2col route beats correlating with dy as the filter: with few
 * input channels that correlation has only kh*kw*Ci output pixels, too few rows for a fast GEMM. */
const IM2COL_MAX_IN_CHANNELS = 4;

/**
 * Filter gradient through explicit patches: a depthwise convolution with a one-hot filter of
 * multiplier kh*kw extracts them (handling stride and padding), then one matMul reduces over
 * batch and space. Patch channel ci*kh*kw + t holds tap t of input channel ci.
 */
function filterGradIm2col(
  s: KernelScope,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  attrs: GradAttrs,
  filterShape: number[],
): tf.TensorInfo {
  const [kh, kw, ci, co] = filterShape;
  const taps = kh * kw;
  const oneHot = new Float32Array(taps * ci * taps);
  for (let t = 0; t < taps; t++) for (let c = 0; c < ci; c++) oneHot[(t * ci + c) * taps + t] = 1;
  const filter = s.track(s.backend.makeOutput([kh, kw, ci, taps], 'float32', undefined, oneHot));
  const patches = s.run(
    'DepthwiseConv2dNative',
    { x, filter },
    { strides: attrs.strides, pad: attrs.pad, dilations: 1, dimRoundingMode: attrs.dimRoundingMode },
  );
  const patchesT = s.transpose(s.reshape(patches, [-1, ci * taps]), [1, 0]);
  const grad = s.matMul(patchesT, s.reshape(dy, [-1, co]), false, false); // [Ci*kh*kw, Co]
  return s.transpose(s.reshape(grad, [ci, kh, kw, co]), [1, 2, 0, 3]);
}

/** dW [kh, kw, Ci, Co] from x [N, H, W, Ci] and dy [N, oh, ow, Co]. */
export function conv2dBackpropFilterWasm(args: {
  inputs: { x: tf.TensorInfo; dy: tf.TensorInfo };
  backend: BackendWasm;
  attrs: GradAttrs & { filterShape: number[] };
}): tf.TensorInfo {
  const {
    inputs: { x, dy },
    backend,
    attrs,
  } = args;
  const g = convGeometry(
    x.shape,
    attrs.filterShape,
    attrs.strides,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    attrs.dataFormat,
  );
  const [, , ci, co] = attrs.filterShape;
  return withScope(backend, (s) => {
    if (isPointwise(g)) {
      const xT = s.transpose(s.reshape(x, [-1, ci]), [1, 0]);
      return s.reshape(s.matMul(xT, s.reshape(dy, [-1, co]), false, false), [1, 1, ci, co]);
    }
    if (ci <= IM2COL_MAX_IN_CHANNELS) return filterGradIm2col(s, x, dy, attrs, attrs.filterShape);
    const xT = s.transpose(x, [3, 1, 2, 0]); // [Ci, H, W, N]: channels become the batch
    const dyT = s.transpose(dy, [1, 2, 0, 3]); // [oh, ow, N, Co]: dy becomes the filter
    const out = correlate(s, conv2dRunner(s), xT, dyT, g.outH, g.outW, [g.sH, g.sW], g.padTop, g.padLeft, g.kH, g.kW);
    return s.transpose(out, [1, 2, 0, 3]); // [Ci, kh, kw, Co] -> [kh, kw, Ci, Co]
  });
}

/** dx [N, H, W, Ci] from dy [N, oh, ow, Co] and filter [kh, kw, Ci, Co]. */
export function conv2dBackpropInputWasm(args: {
  inputs: { dy: tf.TensorInfo; filter: tf.TensorInfo };
  backend: BackendWasm;
  attrs: GradAttrs & { inputShape: number[] };
}): tf.TensorInfo {
  const {
    inputs: { dy, filter },
    backend,
    attrs,
  } = args;
  const g = convGeometry(
    attrs.inputShape,
    filter.shape,
    attrs.strides,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    attrs.dataFormat,
  );
  const [, , ci, co] = filter.shape;
  return withScope(backend, (s) => {
    if (isPointwise(g)) {
      const wT = s.transpose(s.reshape(filter, [ci, co]), [1, 0]);
      return s.reshape(s.matMul(s.reshape(dy, [-1, co]), wT, false, false), attrs.inputShape);
    }
    if (subpixelApplies(g)) return conv2dInputGradSubpixel(s, dy, filter, g);
    const wFlip = s.reverse(s.transpose(filter, [0, 1, 3, 2]), [0, 1]); // [kh, kw, Co, Ci], rotated 180°
    const dyD = s.zeroDilate(dy, g.sH, g.sW);
    return correlate(
      s,
      conv2dRunner(s),
      dyD,
      wFlip,
      g.kH,
      g.kW,
      [1, 1],
      g.kH - 1 - g.padTop,
      g.kW - 1 - g.padLeft,
      g.inH,
      g.inW,
    );
  });
}

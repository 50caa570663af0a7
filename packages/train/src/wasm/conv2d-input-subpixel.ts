// Input gradient of a strided Conv2D as s*s stride-1 convolutions, one per output phase ("sub-pixel"
// decomposition of the transposed convolution, Shi et al. 2016, "Is the deconvolution layer the same
// as a convolutional layer?"): phase (qy, qx) of dx only meets filter taps ky = r0y (mod s), so
// correlating dy with that sub-filter skips the zeros that the zero-dilation route multiplies.
import * as tf from '@tensorflow/tfjs';
import { conv2dRunner, ConvGeometry, correlate } from './grad-geometry';
import { KernelScope } from './kernel-scope';

/** Along one axis: taps of phase q are ky = r0 + s*m (m < count); dx[s*i + q] reads dy[i + shift - m]. */
interface PhaseTaps {
  r0: number;
  count: number;
  shift: number;
}

function phaseTaps(q: number, pad: number, s: number, k: number): PhaseTaps {
  const r0 = (((q + pad) % s) + s) % s;
  const count = r0 < k ? Math.ceil((k - r0) / s) : 0;
  return { r0, count, shift: (q + pad - r0) / s };
}

/** True when every phase meets at least one tap (kernel at least as large as the stride). */
export function subpixelApplies(g: ConvGeometry): boolean {
  return (g.sH > 1 || g.sW > 1) && g.kH >= g.sH && g.kW >= g.sW;
}

/** Sub-filter [My, Mx, Co, Ci] of phase taps, rotated 180° and in/out-swapped, built on the heap. */
function subFilter(
  s: KernelScope,
  w: Float32Array,
  shape: number[],
  ty: PhaseTaps,
  tx: PhaseTaps,
  sH: number,
  sW: number,
): tf.TensorInfo {
  const [, kw, ci, co] = shape;
  const out = new Float32Array(ty.count * tx.count * co * ci);
  let o = 0;
  for (let a = 0; a < ty.count; a++) {
    const ky = ty.r0 + sH * (ty.count - 1 - a);
    for (let b = 0; b < tx.count; b++) {
      const kx = tx.r0 + sW * (tx.count - 1 - b);
      const base = (ky * kw + kx) * ci * co;
      for (let j = 0; j < co; j++) for (let i = 0; i < ci; i++) out[o++] = w[base + i * co + j];
    }
  }
  const t = s.backend.makeOutput([ty.count, tx.count, co, ci], 'float32', undefined, out);
  return s.track(t);
}

/** dx [N, H, W, Ci] from dy [N, oh, ow, Co] and filter [kh, kw, Ci, Co]; requires subpixelApplies(g). */
export function conv2dInputGradSubpixel(
  s: KernelScope,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
): tf.TensorInfo {
  const [n] = dy.shape;
  const ci = filter.shape[2];
  const w = s.backend.typedArrayFromHeap(filter) as Float32Array;
  const hc = Math.ceil(g.inH / g.sH);
  const wc = Math.ceil(g.inW / g.sW);
  const conv = conv2dRunner(s);
  const phases: tf.TensorInfo[] = [];
  for (let qy = 0; qy < g.sH; qy++) {
    const ty = phaseTaps(qy, g.padTop, g.sH, g.kH);
    for (let qx = 0; qx < g.sW; qx++) {
      const tx = phaseTaps(qx, g.padLeft, g.sW, g.kW);
      const f = subFilter(s, w, filter.shape, ty, tx, g.sH, g.sW);
      phases.push(
        correlate(s, conv, dy, f, ty.count, tx.count, [1, 1], ty.count - 1 - ty.shift, tx.count - 1 - tx.shift, hc, wc),
      );
    }
  }
  return interleavePhases(s, phases, [n, g.inH, g.inW, ci], g.sH, g.sW);
}

/**
 * dx[n, s*i + qy, s*j + qx, :] = phase[qy*sW + qx][n, i, j, :], cropped to `shape`. A plain copy loop:
 * wasm's rank-5 Transpose, the tensor-op way to interleave, ran ~50x slower than this.
 */
function interleavePhases(
  s: KernelScope,
  phases: tf.TensorInfo[],
  shape: number[],
  sH: number,
  sW: number,
): tf.TensorInfo {
  const [n, h, w, c] = shape;
  const out = s.track(s.backend.makeOutput(shape, 'float32'));
  // Views are taken after the allocation above: allocating may grow (and so detach) the heap.
  const dst = s.backend.typedArrayFromHeap(out) as Float32Array;
  phases.forEach((phase, p) => {
    const qy = Math.floor(p / sW);
    const qx = p % sW;
    const [, hc, wc] = phase.shape;
    const src = s.backend.typedArrayFromHeap(phase) as Float32Array;
    for (let b = 0; b < n; b++) {
      for (let i = 0, y = qy; i < hc && y < h; i++, y += sH) {
        let so = (b * hc + i) * wc * c;
        for (let j = 0, x = qx; j < wc && x < w; j++, x += sW, so += c) {
          const d = ((b * h + y) * w + x) * c;
          for (let k = 0; k < c; k++) dst[d + k] = src[so + k];
        }
      }
    }
  });
  return out;
}

// MaxPoolGrad as one pass over the heap: for each output position, the first maximum of its window (in
// row-major window order, as the cpu backend picks it) receives dy. Stock wasm's kernel took ~60x the
// forward pool's time (28 ms on [64, 16, 16, 16], the ResNet stem), over 5% of a quick-baseline step.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

interface MaxPoolGradArgs {
  inputs: { dy: tf.TensorInfo; input: tf.TensorInfo; output: tf.TensorInfo };
  backend: BackendWasm;
  attrs: {
    filterSize: number | [number, number];
    strides: number | [number, number];
    pad: 'valid' | 'same' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
}

export function makeMaxPoolGrad(stock: tf.KernelFunc): tf.KernelFunc {
  return ((args: MaxPoolGradArgs) => {
    const {
      inputs: { dy, input },
      backend,
      attrs,
    } = args;
    if (input.dtype !== 'float32' || dy.dtype !== 'float32' || input.shape.length !== 4) return stock(args as never);
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      attrs.filterSize,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const {
      batchSize: n,
      inHeight: ih,
      inWidth: iw,
      inChannels: c,
      outHeight: oh,
      outWidth: ow,
      strideHeight: sh,
      strideWidth: sw,
      filterHeight: fh,
      filterWidth: fw,
    } = info;
    const { top, left } = info.padInfo;
    const out = backend.makeOutput(input.shape, 'float32');
    const x = backend.typedArrayFromHeap(input) as Float32Array;
    const g = backend.typedArrayFromHeap(dy) as Float32Array;
    const dx = backend.typedArrayFromHeap(out) as Float32Array;
    dx.fill(0);
    const best = new Float32Array(c);
    const at = new Int32Array(c);
    for (let b = 0; b < n; b++) {
      for (let r = 0; r < oh; r++) {
        for (let q = 0; q < ow; q++) {
          best.fill(-Infinity);
          at.fill(-1);
          for (let kr = 0; kr < fh; kr++) {
            const y = r * sh - top + kr;
            if (y < 0 || y >= ih) continue;
            for (let kc = 0; kc < fw; kc++) {
              const xx = q * sw - left + kc;
              if (xx < 0 || xx >= iw) continue;
              const base = ((b * ih + y) * iw + xx) * c;
              for (let ch = 0; ch < c; ch++) {
                const v = x[base + ch];
                if (v > best[ch]) {
                  best[ch] = v;
                  at[ch] = base + ch;
                }
              }
            }
          }
          const gBase = ((b * oh + r) * ow + q) * c;
          for (let ch = 0; ch < c; ch++) if (at[ch] >= 0) dx[at[ch]] += g[gBase + ch];
        }
      }
    }
    return out;
  }) as unknown as tf.KernelFunc;
}

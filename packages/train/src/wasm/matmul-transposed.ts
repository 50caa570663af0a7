// BatchMatMul with transposed operands: stock wasm runs transposeA/transposeB through a slow path
// (~6x slower than the plain XNNPACK GEMM on [12544, 64] x [64, 64]); transposing the operand first
// is a cheap copy. Dense-layer gradients use exactly these forms.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { KernelScope, withScope } from './kernel-scope';

interface MatMulArgs {
  inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
  backend: BackendWasm;
  attrs: { transposeA: boolean; transposeB: boolean };
}

function swapLastTwo(s: KernelScope, t: tf.TensorInfo): tf.TensorInfo {
  const perm = [...t.shape.keys()];
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return s.transpose(t, perm);
}

export function makeMatMulTransposed(stock: tf.KernelFunc): tf.KernelFunc {
  return ((args: MatMulArgs) => {
    const {
      inputs: { a, b },
      backend,
      attrs,
    } = args;
    if (!attrs.transposeA && !attrs.transposeB) return stock(args as never);
    return withScope(backend, (s) => {
      const a2 = attrs.transposeA ? swapLastTwo(s, a) : a;
      const b2 = attrs.transposeB ? swapLastTwo(s, b) : b;
      return s.track(
        stock({
          inputs: { a: a2, b: b2 },
          backend,
          attrs: { ...attrs, transposeA: false, transposeB: false },
        } as never) as tf.TensorInfo,
      );
    });
  }) as tf.KernelFunc;
}

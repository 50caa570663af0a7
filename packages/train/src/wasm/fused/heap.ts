// Float32Array views of the wasm backend's heap for kernels written in TypeScript. Outputs are allocated
// before any view is taken: an allocation may grow the heap, which detaches every earlier view.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export interface HeapKernelArgs {
  inputs: Record<string, tf.TensorInfo | undefined>;
  backend: BackendWasm;
  attrs: Record<string, unknown>;
}

export function requireFloat32(t: tf.TensorInfo | undefined, kernel: string, name: string): tf.TensorInfo {
  if (t == null) throw new Error(`${kernel}: input '${name}' is missing`);
  if (t.dtype !== 'float32') throw new Error(`${kernel}: input '${name}' must be float32, got ${t.dtype}`);
  return t;
}

/** Allocates float32 outputs of the given shapes, then returns views of `inputs` followed by the outputs. */
export function heapViews(
  backend: BackendWasm,
  inputs: tf.TensorInfo[],
  outputShapes: number[][],
): { outputs: tf.TensorInfo[]; views: Float32Array[] } {
  const outputs = outputShapes.map((shape) => backend.makeOutput(shape, 'float32'));
  const views = [...inputs, ...outputs].map((t) => backend.typedArrayFromHeap(t) as Float32Array);
  return { outputs, views };
}

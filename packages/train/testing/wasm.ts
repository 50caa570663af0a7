// Shared by the wasm kernel tests: backend switching, seeded data, and the relative-error measure
// (max |a - b| over max |b|) used to compare wasm gradients with the cpu backend's stock ones.
import * as tf from '@tensorflow/tfjs';
import { installWasmTrainingKernels, loadWasmBackend } from '../src/wasm/install';

export const MAX_REL_ERROR = 1e-4;

export async function useWasm(): Promise<void> {
  loadWasmBackend();
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
  installWasmTrainingKernels();
}

/** Deterministic values in [-1, 1) (a small LCG keeps tests independent of tfjs's RNG). */
export function seeded(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

export function relError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

/** Runs `fn` on `backend` and returns its tensors' values (read before the tidy scope ends). */
export async function valuesOn(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  if (backend === 'wasm') await useWasm();
  else await tf.setBackend(backend);
  const tensors = tf.tidy(fn);
  const values = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  return values;
}

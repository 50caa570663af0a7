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

/**
 * Builds a net on the current backend, gives it seeded weights, and returns [loss, ...gradient of every
 * trainable weight] for one batch of seeded images (labels 0, 3, 1, …; 4 classes), batch norm in training
 * mode: what the whole-net gradient tests compare across backends.
 */
export function lossAndGradients(
  build: () => tf.LayersModel,
  input: [number, number, number],
  seeds: { weights: number; images: number },
  batch = 3,
): tf.Tensor[] {
  const model = build();
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(seeded(w.size, seeds.weights + i), w.shape)));
  const x = tf.tensor4d(seeded(batch * input[0] * input[1] * input[2], seeds.images), [batch, ...input]);
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: batch }, (_, i) => [0, 3, 1][i % 3]),
      'int32',
    ),
    4,
  );
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor),
    vars,
  );
  const out = [value, ...vars.map((v) => grads[v.name])];
  model.dispose();
  return out;
}

// Shared by the trainer tests: a tiny conv net with stable layer names (cheap on the cpu backend), a small
// synthetic dataset, a base fit config, and a temporary directory per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { type Dataset, syntheticDataset } from '@scaling-lab/data';
import { installWasmTrainingKernels, loadWasmBackend } from '../src/wasm/install';
import type { FitConfig } from '../src/trainer/fit';
import { withSeededRandom } from '../src/trainer/seed';

export const TINY_SIZE = 12;
export const TINY_CLASSES = 4;

/** The wasm backend with the project's gradient kernels: the cpu backend takes ~1 s per tiny step. */
export async function useWasm(): Promise<void> {
  loadWasmBackend();
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to initialise');
  installWasmTrainingKernels();
}

export async function useQuietCpu(): Promise<void> {
  await tf.setBackend('cpu');
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
}

/**
 * conv 3×3 stride 2 → BN → ReLU → flatten → dropout → softmax dense, with seeded initial weights. Flatten,
 * not global pooling: the synthetic classes differ by where their blob sits.
 */
export function buildTinyNet(seed = 1): Promise<tf.LayersModel> {
  return withSeededRandom(seed, () => {
    const input = tf.input({ shape: [TINY_SIZE, TINY_SIZE, 1], name: 'input' });
    let x = tf.layers
      .conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'stem_conv' })
      .apply(input) as tf.SymbolicTensor;
    // Momentum 0.9 (not Keras's 0.99) so the moving statistics settle within the few steps a test trains.
    x = tf.layers.batchNormalization({ momentum: 0.9, name: 'stem_bn' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.activation({ activation: 'relu', name: 'stem_relu' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.flatten({ name: 'head_flatten' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dropout({ rate: 0.1, name: 'head_dropout' }).apply(x) as tf.SymbolicTensor;
    const out = tf.layers
      .dense({ units: TINY_CLASSES, activation: 'softmax', name: 'classifier' })
      .apply(x) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: out, name: 'tiny' });
  });
}

export function tinyDataset(trainSize = 256, testSize = 128): Dataset {
  return syntheticDataset({ numClasses: TINY_CLASSES, size: TINY_SIZE, channels: 1, trainSize, testSize, seed: 3 });
}

export function tinyConfig(overrides: Partial<FitConfig> = {}): FitConfig {
  return {
    epochs: 2,
    batchSize: 32,
    optimizer: 'adam',
    learningRate: 1e-2,
    schedule: 'cosine',
    warmupEpochs: 0,
    labelSmoothing: 0,
    weightDecay: 0,
    seed: 5,
    resolution: TINY_SIZE,
    channels: 1,
    checkpointDir: null,
    fingerprint: 'tiny',
    ...overrides,
  };
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'scaling-lab-train-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function weightValues(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => Float32Array.from(w.dataSync()));
}

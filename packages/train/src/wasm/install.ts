// Installs the wasm training kernels: the three gradient kernels stock wasm lacks, a replacement for
// its loop-based Conv2DBackpropInput, faster leading-axes Sum/Mean and transposed matMuls, and a
// Tile-free batch-norm gradient. Kernels are registered for the 'wasm' backend only; the batch-norm
// gradient is global but computes the same values on every backend.
import * as tf from '@tensorflow/tfjs';
import { batchNormGradConfig } from './batch-norm-grad';
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm } from './conv2d-grads';
import { depthwiseBackpropFilterWasm, depthwiseBackpropInputWasm } from './depthwise-grads';
import { makeLeadingAxesReduce } from './leading-axes-reduce';
import { makeMatMulTransposed } from './matmul-transposed';

const BACKEND = 'wasm';

/** Each entry builds its kernel from the stock one (undefined where stock wasm has none). */
export const WASM_TRAINING_KERNELS: ReadonlyArray<{ kernelName: string; make: (stock?: tf.KernelFunc) => tf.KernelFunc }> = [
  { kernelName: tf.Conv2DBackpropFilter, make: () => conv2dBackpropFilterWasm as unknown as tf.KernelFunc },
  { kernelName: tf.Conv2DBackpropInput, make: () => conv2dBackpropInputWasm as unknown as tf.KernelFunc },
  { kernelName: tf.DepthwiseConv2dNativeBackpropFilter, make: () => depthwiseBackpropFilterWasm as unknown as tf.KernelFunc },
  { kernelName: tf.DepthwiseConv2dNativeBackpropInput, make: () => depthwiseBackpropInputWasm as unknown as tf.KernelFunc },
  { kernelName: tf.Sum, make: (stock) => makeLeadingAxesReduce('sum', required(stock, tf.Sum)) },
  { kernelName: tf.Mean, make: (stock) => makeLeadingAxesReduce('mean', required(stock, tf.Mean)) },
  { kernelName: tf.BatchMatMul, make: (stock) => makeMatMulTransposed(required(stock, tf.BatchMatMul)) },
];

function required(stock: tf.KernelFunc | undefined, name: string): tf.KernelFunc {
  if (stock == null) throw new Error(`wasm kernel '${name}' is missing; load @tensorflow/tfjs-backend-wasm first`);
  return stock;
}

interface Saved {
  kernels: Array<tf.KernelConfig | undefined>;
  batchNormGrad: tf.GradConfig | undefined;
}
let saved: Saved | null = null;

/**
 * Registers the 'wasm' backend and its stock kernels if nothing has yet. Loaded on demand, not on
 * import: the package registers wasm at a higher priority than cpu, which would silently change
 * the default backend of every program that merely imports this module.
 */
export function loadWasmBackend(): void {
  if (tf.findBackendFactory(BACKEND) == null || tf.getKernel(tf.Conv2D, BACKEND) == null) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@tensorflow/tfjs-backend-wasm');
  }
}

/** Idempotent. Safe to call before or after `tf.setBackend('wasm')` (stock setup functions are kept). */
export function installWasmTrainingKernels(): void {
  if (saved != null) return;
  loadWasmBackend();
  const kernels = WASM_TRAINING_KERNELS.map(({ kernelName, make }) => {
    const previous = tf.getKernel(kernelName, BACKEND);
    const kernelFunc = make(previous?.kernelFunc);
    if (previous != null) tf.unregisterKernel(kernelName, BACKEND);
    // Keep the stock setupFunc: it binds the wasm exports the stock kernelFunc (our fallback) calls,
    // and it only runs when the backend initialises, which may happen after this install.
    tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc, setupFunc: previous?.setupFunc });
    return previous;
  });
  const batchNormGrad = tf.getGradient(tf.FusedBatchNorm);
  tf.registerGradient(batchNormGradConfig);
  saved = { kernels, batchNormGrad };
}

/** Restores the stock kernels and gradient (used by tests and benchmarks comparing before/after). */
export function uninstallWasmTrainingKernels(): void {
  if (saved == null) return;
  WASM_TRAINING_KERNELS.forEach(({ kernelName }, i) => {
    tf.unregisterKernel(kernelName, BACKEND);
    const previous = saved!.kernels[i];
    if (previous != null) tf.registerKernel(previous);
  });
  if (saved.batchNormGrad != null) tf.registerGradient(saved.batchNormGrad);
  saved = null;
}

export function wasmTrainingKernelsInstalled(): boolean {
  return saved != null;
}

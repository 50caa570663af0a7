// Installs the wasm training kernels: the three gradient kernels stock wasm lacks, a replacement for
// its loop-based Conv2DBackpropInput, faster leading-axes Sum/Mean and transposed matMuls, copy-free
// Identity and same-dtype Cast, a one-pass MaxPoolGrad, a Tile-free batch-norm gradient, and the fused kernels of ./fused (batch-norm training forward
// and backward, activation gradients, optimizer updates, a conv gradient that skips unneeded inputs).
// Kernels are registered for the 'wasm' backend only; gradients and layer hooks are global but use the
// fused kernels only while wasm is the active backend, and compute the stock values elsewhere.
import * as tf from '@tensorflow/tfjs';
import { batchNormGradConfig } from './batch-norm-grad';
import { setFusedKernelsEnabled, fusedKernelsActive } from './fused/active';
import {
  ACTIVATION_KERNELS,
  fusedActivationGradConfigs,
  hardSwishGradConfig,
  swishGradConfig,
} from './fused/activations';
import {
  BATCH_NORM_TRAINING,
  BATCH_NORM_TRAINING_GRAD,
  batchNormTrainingGradConfig,
  batchNormTrainingGradWasm,
  batchNormTrainingWasm,
} from './fused/batch-norm-training';
import { fusedConv2dGradConfig, makeTrainableFusedConv2d } from './fused/fused-conv2d';
import { makeSharedCast, makeSharedIdentity } from './fused/shared-copies';
import { hookLayers } from './fused/layer-hooks';
import {
  ADAM_UPDATE,
  adamUpdateWasm,
  MOMENTUM_UPDATE,
  momentumUpdateWasm,
  RMSPROP_UPDATE,
  rmspropUpdateWasm,
} from './fused/optimizer-updates';
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm } from './conv2d-grads';
import { depthwiseBackpropFilterWasm, depthwiseBackpropInputWasm } from './depthwise-grads';
import { makeLeadingAxesReduce } from './leading-axes-reduce';
import { makeMatMulTransposed } from './matmul-transposed';
import { makeMaxPoolGrad } from './max-pool-grad';

const BACKEND = 'wasm';

/** Each entry builds its kernel from the stock one (undefined where stock wasm has none). */
export const WASM_TRAINING_KERNELS: ReadonlyArray<{
  kernelName: string;
  make: (stock?: tf.KernelFunc) => tf.KernelFunc;
}> = [
  { kernelName: tf.Conv2DBackpropFilter, make: () => conv2dBackpropFilterWasm as unknown as tf.KernelFunc },
  { kernelName: tf.Conv2DBackpropInput, make: () => conv2dBackpropInputWasm as unknown as tf.KernelFunc },
  {
    kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
    make: () => depthwiseBackpropFilterWasm as unknown as tf.KernelFunc,
  },
  {
    kernelName: tf.DepthwiseConv2dNativeBackpropInput,
    make: () => depthwiseBackpropInputWasm as unknown as tf.KernelFunc,
  },
  { kernelName: tf.Sum, make: (stock) => makeLeadingAxesReduce('sum', required(stock, tf.Sum)) },
  { kernelName: tf.Mean, make: (stock) => makeLeadingAxesReduce('mean', required(stock, tf.Mean)) },
  { kernelName: tf.BatchMatMul, make: (stock) => makeMatMulTransposed(required(stock, tf.BatchMatMul)) },
  { kernelName: tf.Identity, make: (stock) => makeSharedIdentity(required(stock, tf.Identity)) },
  { kernelName: tf.Cast, make: (stock) => makeSharedCast(required(stock, tf.Cast)) },
  { kernelName: tf.MaxPoolGrad, make: (stock) => makeMaxPoolGrad(required(stock, tf.MaxPoolGrad)) },
];

/** Kernels of this project's own (no stock counterpart), for 'wasm'. */
const FUSED_KERNELS: ReadonlyArray<{ kernelName: string; kernelFunc: tf.KernelFunc }> = [
  { kernelName: BATCH_NORM_TRAINING, kernelFunc: batchNormTrainingWasm as unknown as tf.KernelFunc },
  { kernelName: BATCH_NORM_TRAINING_GRAD, kernelFunc: batchNormTrainingGradWasm as unknown as tf.KernelFunc },
  { kernelName: ADAM_UPDATE, kernelFunc: adamUpdateWasm as unknown as tf.KernelFunc },
  { kernelName: RMSPROP_UPDATE, kernelFunc: rmspropUpdateWasm as unknown as tf.KernelFunc },
  { kernelName: MOMENTUM_UPDATE, kernelFunc: momentumUpdateWasm as unknown as tf.KernelFunc },
  ...ACTIVATION_KERNELS,
];

/** Gradients of the fused forward kernels; only ever reached through them, so they stay registered. */
const FUSED_GRADIENTS: readonly tf.GradConfig[] = [
  batchNormTrainingGradConfig,
  swishGradConfig,
  hardSwishGradConfig,
  fusedConv2dGradConfig,
];

function required(stock: tf.KernelFunc | undefined, name: string): tf.KernelFunc {
  if (stock == null) throw new Error(`wasm kernel '${name}' is missing; load @tensorflow/tfjs-backend-wasm first`);
  return stock;
}

interface Saved {
  kernels: Array<tf.KernelConfig | undefined>;
  batchNormGrad: tf.GradConfig | undefined;
  activationGrads: tf.GradConfig[];
  fusedConv2d: typeof tf.fused.conv2d;
  unhookLayers: () => void;
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
  for (const { kernelName, kernelFunc } of FUSED_KERNELS) {
    if (tf.getKernel(kernelName, BACKEND) == null) tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc });
  }
  FUSED_GRADIENTS.forEach((g) => tf.registerGradient(g));
  const fusedGrads = fusedActivationGradConfigs(fusedKernelsActive, (name) => tf.getGradient(name));
  const activationGrads = fusedGrads.map((g) => tf.getGradient(g.kernelName)!);
  fusedGrads.forEach((g) => tf.registerGradient(g));
  // tfjs-layers calls tf.fused.conv2d through the shared `fused` namespace object, so replacing the
  // property there reaches every conv layer.
  const fused = tf.fused as { conv2d: typeof tf.fused.conv2d };
  const fusedConv2d = fused.conv2d;
  fused.conv2d = makeTrainableFusedConv2d(fusedConv2d, fusedKernelsActive);
  const unhookLayers = hookLayers(fusedKernelsActive);
  setFusedKernelsEnabled(true);
  saved = { kernels, batchNormGrad, activationGrads, fusedConv2d, unhookLayers };
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
  saved.activationGrads.forEach((g) => tf.registerGradient(g));
  (tf.fused as { conv2d: typeof tf.fused.conv2d }).conv2d = saved.fusedConv2d;
  saved.unhookLayers();
  setFusedKernelsEnabled(false);
  saved = null;
}

export function wasmTrainingKernelsInstalled(): boolean {
  return saved != null;
}

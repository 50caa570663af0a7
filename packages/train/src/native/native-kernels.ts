/**
 * Switches the wasm backend's convolution and fused training kernels to the oneDNN addon (@scaling-lab/native)
 * and back.
 * Where the addon is not built or cannot load, or SCALING_LAB_NATIVE=off, nothing changes and the status
 * says why; the wasm training kernels stay installed either way. The bench uses enable/disable to measure
 * both paths in one process.
 */
import * as tf from '@tensorflow/tfjs';
import { type AddonLoad, loadAddon, MAX_THREADS, type NativeAddon, threadsFromEnv } from '@scaling-lab/native';
import { installWasmTrainingKernels, loadWasmBackend } from '../wasm/install';
import { NATIVE_CONV_KERNELS } from './native-conv-kernels';
import { disableNativeInferenceKernels, enableNativeInferenceKernels } from './native-inference-kernels';
import { NATIVE_TRAIN_KERNELS } from './native-train-kernels';

/** Every kernel the addon takes over on wasm: the convolutions and the fused training kernels. */
const NATIVE_KERNELS = [...NATIVE_CONV_KERNELS, ...NATIVE_TRAIN_KERNELS];

/** Environment variable: `off` keeps the plain wasm kernels even where the addon loads. */
export const NATIVE_ENV = 'SCALING_LAB_NATIVE';

export interface NativeStatus {
  readonly enabled: boolean;
  /** When enabled, what runs ("oneDNN 2.6.3, avx2, 1 thread"); otherwise why not. */
  readonly reason: string;
  readonly onednn?: string;
  readonly isa?: string;
  readonly threads?: number;
}

export interface EnableOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Replaceable in tests to simulate an addon that is missing or fails to load. */
  readonly loadAddon?: () => AddonLoad;
}

const BACKEND = 'wasm';

let saved: Array<tf.KernelConfig | undefined> | null = null;
let active: NativeAddon | null = null;
let current: NativeStatus = { enabled: false, reason: 'not enabled' };

function enabledStatus(addon: NativeAddon): NativeStatus {
  const info = addon.info();
  const plural = info.threads === 1 ? 'thread' : 'threads';
  return {
    enabled: true,
    reason: `oneDNN ${info.onednn}, ${info.isa}, ${info.threads} ${plural}`,
    onednn: info.onednn,
    isa: info.isa,
    threads: info.threads,
  };
}

export function nativeKernelsStatus(): NativeStatus {
  return current;
}

/**
 * Registers the native convolution kernels on the wasm backend when the addon loads (idempotent) and
 * returns what happened. Throws only on a bad SCALING_LAB_NATIVE or SCALING_LAB_THREADS value.
 */
export function enableNativeKernels(options: EnableOptions = {}): NativeStatus {
  const env = options.env ?? process.env;
  const mode = env[NATIVE_ENV];
  if (mode != null && mode !== '' && mode !== 'off' && mode !== 'auto') {
    throw new Error(`${NATIVE_ENV} must be 'off' or 'auto', got '${mode}'`);
  }
  if (mode === 'off') {
    disableNativeKernels();
    return (current = { enabled: false, reason: `${NATIVE_ENV}=off` });
  }
  if (saved != null) return current;
  const threads = threadsFromEnv(env);
  const load = (options.loadAddon ?? loadAddon)();
  if (!load.ok) return (current = { enabled: false, reason: load.reason });
  const { addon } = load;
  addon.setThreads(threads);
  loadWasmBackend();
  installWasmTrainingKernels(); // the fallbacks for cases the addon does not take
  saved = NATIVE_KERNELS.map(({ kernelName, make }) => {
    const previous = tf.getKernel(kernelName, BACKEND);
    if (previous == null)
      throw new Error(`wasm kernel '${kernelName}' is missing; load @tensorflow/tfjs-backend-wasm first`);
    tf.unregisterKernel(kernelName, BACKEND);
    const kernelFunc = make(addon, previous.kernelFunc as never) as unknown as tf.KernelFunc;
    // The previous setupFunc binds the wasm exports the fallback calls; keep it.
    tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc, setupFunc: previous.setupFunc });
    return previous;
  });
  enableNativeInferenceKernels(addon);
  active = addon;
  return (current = enabledStatus(addon));
}

/**
 * Changes the native kernels' thread count mid-run (a sweep widens its last running trainer to every core).
 * Cached primitives are rebuilt for the new count. Without native kernels it changes nothing.
 */
export function setNativeThreads(threads: number): NativeStatus {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS)
    throw new Error(`native threads must be a whole number from 1 to ${MAX_THREADS}, got ${threads}`);
  if (active == null || saved == null) return current;
  active.setThreads(threads);
  return (current = enabledStatus(active));
}

/** Re-registers the kernels that were there before `enableNativeKernels` (idempotent). */
export function disableNativeKernels(): void {
  if (saved == null) return;
  NATIVE_KERNELS.forEach(({ kernelName }, i) => {
    tf.unregisterKernel(kernelName, BACKEND);
    const previous = saved![i];
    if (previous != null) tf.registerKernel(previous);
  });
  disableNativeInferenceKernels();
  saved = null;
  active = null;
  current = { enabled: false, reason: 'disabled' };
}

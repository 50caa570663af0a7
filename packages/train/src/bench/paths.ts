// The backend paths the bench measures, each with its own setup and teardown so that one process can time
// them all in turn: `wasm` (stock wasm plus this package's training and fused kernels), `wasm+native` (the
// same with the oneDNN convolutions of @scaling-lab/native, one thread like the PyTorch reference),
// `wasm-unfused` (wasm without the fused kernels, to see what fusing buys in one run) and `cpu` (pure
// JavaScript, for tests and as a last resort).
import * as tf from '@tensorflow/tfjs';
import { disableNativeKernels, enableNativeKernels, nativeKernelsStatus } from '../native/native-kernels';
import { setFusedKernelsEnabled } from '../wasm/fused/active';
import { installWasmTrainingKernels, loadWasmBackend } from '../wasm/install';

export interface BenchPath {
  /** Row label, e.g. 'wasm' or 'wasm+native'. */
  readonly name: string;
  /** Why the path cannot run in this process, or null when it can. */
  unavailable(): string | null;
  /** Makes the path active: backend selected, kernels installed. */
  setup(): Promise<void>;
  /** Undoes what `setup` did beyond the backend choice, which the bench restores itself. */
  teardown(): Promise<void>;
  /** What the path ran on, once set up (e.g. the oneDNN version and ISA), for the report. */
  note?(): string;
}

async function useBackend(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs could not initialise the ${name} backend`);
}

export const WASM_PATH: BenchPath = {
  name: 'wasm',
  unavailable: () => null,
  setup: async () => {
    loadWasmBackend();
    await useBackend('wasm');
    installWasmTrainingKernels();
    disableNativeKernels();
  },
  teardown: async () => undefined,
};

/** One oneDNN thread unless SCALING_LAB_THREADS says otherwise: the PyTorch reference runs on one. */
const NATIVE_ENV = (): NodeJS.ProcessEnv => ({ SCALING_LAB_THREADS: '1', ...process.env });

export const WASM_NATIVE_PATH: BenchPath = {
  name: 'wasm+native',
  unavailable: () => {
    const status = enableNativeKernels({ env: NATIVE_ENV() });
    disableNativeKernels();
    return status.enabled ? null : `native kernels unavailable: ${status.reason}`;
  },
  setup: async () => {
    await WASM_PATH.setup();
    const status = enableNativeKernels({ env: NATIVE_ENV() });
    if (!status.enabled) throw new Error(`native kernels unavailable: ${status.reason}`);
  },
  teardown: async () => disableNativeKernels(),
  note: () => nativeKernelsStatus().reason,
};

export const WASM_UNFUSED_PATH: BenchPath = {
  name: 'wasm-unfused',
  unavailable: () => null,
  setup: async () => {
    await WASM_PATH.setup();
    setFusedKernelsEnabled(false);
  },
  teardown: async () => setFusedKernelsEnabled(true),
};

export const CPU_PATH: BenchPath = {
  name: 'cpu',
  unavailable: () => null,
  setup: () => useBackend('cpu'),
  teardown: async () => undefined,
};

/** Every path the bench knows, in the order it measures them; the default is all that are available. */
export const BENCH_PATHS: readonly BenchPath[] = [WASM_PATH, WASM_NATIVE_PATH, WASM_UNFUSED_PATH, CPU_PATH];
/** Measured when no path is named: the fast ones (cpu trains ~600× slower than PyTorch). */
export const DEFAULT_BENCH_PATHS: readonly string[] = ['wasm', 'wasm+native'];

// Training and inference throughput (images/s) of convnets on a tfjs backend, optionally next to
// PyTorch on one thread. Warm-up steps are excluded; each figure is the median of several timed
// windows, which shrugs off a slow window when the machine is shared.
import * as tf from '@tensorflow/tfjs';
import { installWasmTrainingKernels, loadWasmBackend } from '../wasm/install';
import { disableNativeKernels, enableNativeKernels, type NativeStatus } from '../native/native-kernels';
import { runTorchBench, TorchModelName, TorchOutcome } from './torch-bench';
import { buildToyNet, TOY_NET_CLASSES } from './toy-net';
import { makeStepRunner } from './train-step';

export interface BenchModel {
  /** Row label, e.g. 'toy' or 'mobilenet-v2 w0.5 @32'. */
  name: string;
  build: () => tf.LayersModel;
  numClasses: number;
  /** [height, width, channels]; defaults to the model's own input shape. */
  inputShape?: [number, number, number];
  /** The same net in python/bench_torch.py, when there is one. */
  torchModel?: TorchModelName;
}

export const TOY_BENCH_MODEL: BenchModel = { name: 'toy', build: () => buildToyNet(), numClasses: TOY_NET_CLASSES, torchModel: 'toy' };

export interface TrainBenchOptions {
  /** tfjs backend name, e.g. 'wasm' or 'cpu'. */
  backend: string;
  models?: BenchModel[];
  batchSize?: number;
  warmupSteps?: number;
  windows?: number;
  stepsPerWindow?: number;
  /** Forward passes per timed window (default 5 x stepsPerWindow: a pass is ~10x cheaper than a step). */
  forwardStepsPerWindow?: number;
  /** Install the fast wasm gradient kernels first (default true; false measures stock wasm). */
  wasmKernels?: boolean;
  /**
   * wasm only: run the convolutions on the native oneDNN kernels (one thread unless SCALING_LAB_THREADS
   * says otherwise, like the PyTorch reference). Where the addon is unavailable nothing is timed and the
   * result's `native` says why. False (the default) measures the plain wasm kernels.
   */
  native?: boolean;
  /** Run the PyTorch reference (default true); a string names the Python interpreter. */
  torch?: boolean | string;
  /** Skip forward timing (for backends where only training matters). */
  trainOnly?: boolean;
}

export interface ModelBenchResult {
  model: string;
  batch: number;
  trainImgPerSec: number;
  forwardImgPerSec: number | null;
  torchTrainImgPerSec: number | null;
  torchForwardImgPerSec: number | null;
}

export interface TrainBenchResult {
  backend: string;
  wasmKernels: boolean;
  /** The native kernels' status when asked for (`native: true`), else null. */
  native: NativeStatus | null;
  tfjsVersion: string;
  batch: number;
  rows: ModelBenchResult[];
  torch: TorchOutcome | { available: false; reason: 'not requested' };
}

/** Median images/s over `windows` windows of `steps` calls, after `warmup` untimed calls. */
export function medianImgPerSec(step: () => void, batch: number, warmup: number, windows: number, steps: number): number {
  for (let i = 0; i < warmup; i++) step();
  const rates: number[] = [];
  for (let w = 0; w < windows; w++) {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    rates.push((batch * steps * 1000) / (performance.now() - t0));
  }
  rates.sort((a, b) => a - b);
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2 === 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
}

export async function runTrainBench(options: TrainBenchOptions): Promise<TrainBenchResult> {
  const { backend, models = [TOY_BENCH_MODEL], batchSize = 64, warmupSteps = 2, windows = 5, stepsPerWindow = 2 } = options;
  const forwardSteps = options.forwardStepsPerWindow ?? 5 * stepsPerWindow;
  const wasmKernels = backend === 'wasm' && options.wasmKernels !== false;
  const previous = tf.getBackend(); // undefined while no backend is initialised yet
  if (backend === 'wasm') loadWasmBackend();
  if (!(await tf.setBackend(backend))) throw new Error(`--backend ${backend}: tfjs could not initialise it; registered: ${Object.keys(tf.engine().registryFactory).join(', ')}`);
  if (wasmKernels) installWasmTrainingKernels();
  let native: NativeStatus | null = null;
  if (backend === 'wasm' && options.native) {
    native = enableNativeKernels({ env: { SCALING_LAB_THREADS: '1', ...process.env } });
    if (!native.enabled) return { backend, wasmKernels, native, tfjsVersion: tf.version.tfjs, batch: batchSize, rows: [], torch: { available: false, reason: 'not requested' } };
  } else if (backend === 'wasm') {
    disableNativeKernels();
  }
  const rows: ModelBenchResult[] = [];
  try {
    for (const m of models) {
      const model = m.build();
      const runner = makeStepRunner(model, batchSize, m.numClasses, m.inputShape);
      try {
        const trainImgPerSec = medianImgPerSec(() => runner.train(), batchSize, warmupSteps, windows, stepsPerWindow);
        const forwardImgPerSec = options.trainOnly ? null : medianImgPerSec(() => runner.forward(), batchSize, warmupSteps, windows, forwardSteps);
        rows.push({ model: m.name, batch: batchSize, trainImgPerSec, forwardImgPerSec, torchTrainImgPerSec: null, torchForwardImgPerSec: null });
      } finally {
        runner.dispose();
        model.dispose();
      }
    }
  } finally {
    if (previous != null && previous !== backend) await tf.setBackend(previous);
  }
  const torch = options.torch === false ? ({ available: false, reason: 'not requested' } as const) : runTorchFor(models, options, batchSize, warmupSteps, windows, stepsPerWindow, forwardSteps);
  if (torch.available) {
    for (const row of rows) {
      const torchName = models.find((m) => m.name === row.model)?.torchModel;
      const t = torch.results.find((r) => r.model === torchName);
      if (t) {
        row.torchTrainImgPerSec = t.trainImgPerSec;
        row.torchForwardImgPerSec = t.forwardImgPerSec;
      }
    }
  }
  return { backend, wasmKernels, native, tfjsVersion: tf.version.tfjs, batch: batchSize, rows, torch };
}

function runTorchFor(models: BenchModel[], options: TrainBenchOptions, batchSize: number, warmupSteps: number, windows: number, stepsPerWindow: number, forwardStepsPerWindow: number): TorchOutcome {
  const names = [...new Set(models.map((m) => m.torchModel).filter((n): n is TorchModelName => n != null))];
  if (names.length === 0) return { available: false, reason: 'no model has a PyTorch counterpart' };
  const python = typeof options.torch === 'string' ? options.torch : undefined;
  return runTorchBench({ models: names, batchSize, warmupSteps, windows, stepsPerWindow, forwardStepsPerWindow, python });
}

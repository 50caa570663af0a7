// Training and inference throughput (images/s) and kernels per training step of convnets on each backend
// path, next to PyTorch on one thread measured in the same run. Warm-up steps are excluded; each figure is
// the median of several timed windows, which shrugs off a slow window when the machine is shared.
import * as tf from '@tensorflow/tfjs';
import { kernelsPerCall } from './kernel-count';
import { BenchPath, WASM_PATH } from './paths';
import { runTorchBench, TorchNet, TorchOutcome } from './torch-bench';
import { buildToyNet, TOY_NET_CLASSES, TOY_NET_STAGES } from './toy-net';
import { makeStepRunner } from './train-step';

export interface BenchModel {
  /** Row label, e.g. 'toy' or 'mobilenet-v2 w0.5 @32'. */
  name: string;
  build: () => tf.LayersModel;
  numClasses: number;
  /** [height, width, channels]; defaults to the model's own input shape. */
  inputShape?: [number, number, number];
  /** The same net for python/bench_torch.py, when there is one. */
  torch?: TorchNet;
}

export const TOY_BENCH_MODEL: BenchModel = {
  name: 'toy',
  build: () => buildToyNet(),
  numClasses: TOY_NET_CLASSES,
  torch: { kind: 'toy', spec: { stages: TOY_NET_STAGES.map((s) => [s.channels, s.stride]) } },
};

export interface TrainBenchOptions {
  /** Backend paths to measure, in order (default: wasm). */
  paths?: BenchPath[];
  models?: BenchModel[];
  batchSize?: number;
  warmupSteps?: number;
  windows?: number;
  stepsPerWindow?: number;
  /** Forward passes per timed window (default 5 x stepsPerWindow: a pass is ~10x cheaper than a step). */
  forwardStepsPerWindow?: number;
  /** Run the PyTorch reference (default true); a string names the Python interpreter. */
  torch?: boolean | string;
  /** Skip forward timing. */
  trainOnly?: boolean;
}

export interface BenchRow {
  model: string;
  path: string;
  batch: number;
  /** Trainable parameters of our net and of PyTorch's equivalent (equal when the nets are the same). */
  params: number;
  torchParams: number | null;
  trainImgPerSec: number;
  forwardImgPerSec: number | null;
  /** Kernels the engine dispatches for one training step (forward, backward, update). */
  kernelsPerStep: number;
  /** Kernels the engine dispatches for one inference pass (null when forward is not timed). */
  kernelsPerForward: number | null;
  torchTrainImgPerSec: number | null;
  torchForwardImgPerSec: number | null;
  /** Ours over PyTorch's (1.0 = PyTorch's speed on one thread). */
  trainRatio: number | null;
  forwardRatio: number | null;
}

export type PathStatus = { name: string; ran: true; note?: string } | { name: string; ran: false; reason: string };

export interface TrainBenchResult {
  tfjsVersion: string;
  batch: number;
  paths: PathStatus[];
  rows: BenchRow[];
  torch: TorchOutcome | { available: false; reason: 'not requested' };
}

/** Median images/s over `windows` windows of `steps` calls, after `warmup` untimed calls. */
export function medianImgPerSec(
  step: () => void,
  batch: number,
  warmup: number,
  windows: number,
  steps: number,
): number {
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

export function trainableParams(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

interface Settings {
  batchSize: number;
  warmupSteps: number;
  windows: number;
  stepsPerWindow: number;
  forwardSteps: number;
  trainOnly: boolean;
}

/** Input shapes seen while benchmarking, by model name, so PyTorch gets the same without a rebuild. */
type ShapeLog = Map<string, [number, number, number]>;

async function benchModel(m: BenchModel, path: string, s: Settings, shapes: ShapeLog): Promise<BenchRow> {
  const model = m.build();
  shapes.set(m.name, m.inputShape ?? (model.inputs[0].shape.slice(1) as [number, number, number]));
  const runner = makeStepRunner(model, s.batchSize, m.numClasses, m.inputShape);
  try {
    const trainImgPerSec = medianImgPerSec(
      () => runner.train(),
      s.batchSize,
      s.warmupSteps,
      s.windows,
      s.stepsPerWindow,
    );
    const kernelsPerStep = (await kernelsPerCall(() => runner.train())).total;
    const forwardImgPerSec = s.trainOnly
      ? null
      : medianImgPerSec(() => runner.forward(), s.batchSize, s.warmupSteps, s.windows, s.forwardSteps);
    const kernelsPerForward = s.trainOnly ? null : (await kernelsPerCall(() => runner.forward())).total;
    return {
      model: m.name,
      path,
      batch: s.batchSize,
      params: trainableParams(model),
      torchParams: null,
      trainImgPerSec,
      forwardImgPerSec,
      kernelsPerStep,
      kernelsPerForward,
      torchTrainImgPerSec: null,
      torchForwardImgPerSec: null,
      trainRatio: null,
      forwardRatio: null,
    };
  } finally {
    runner.dispose();
    model.dispose();
  }
}

export async function runTrainBench(options: TrainBenchOptions = {}): Promise<TrainBenchResult> {
  const {
    paths = [WASM_PATH],
    models = [TOY_BENCH_MODEL],
    batchSize = 64,
    warmupSteps = 2,
    windows = 5,
    stepsPerWindow = 2,
  } = options;
  const settings: Settings = {
    batchSize,
    warmupSteps,
    windows,
    stepsPerWindow,
    forwardSteps: options.forwardStepsPerWindow ?? 5 * stepsPerWindow,
    trainOnly: options.trainOnly === true,
  };
  const previous = tf.getBackend(); // undefined while no backend is initialised yet
  const statuses: PathStatus[] = paths.map((p) => {
    const reason = p.unavailable();
    return reason == null ? { name: p.name, ran: true } : { name: p.name, ran: false, reason };
  });
  const runnable = paths.filter((_, i) => statuses[i].ran);
  const rows: BenchRow[] = [];
  const shapes: ShapeLog = new Map();
  try {
    // Model by model, every path in turn: on a shared machine the paths of one row are timed close together.
    for (const m of models) {
      for (const path of runnable) {
        await path.setup();
        const status = statuses[paths.indexOf(path)];
        if (path.note != null && status.ran) status.note = path.note();
        try {
          rows.push(await benchModel(m, path.name, settings, shapes));
        } finally {
          await path.teardown();
        }
      }
    }
  } finally {
    if (previous != null && tf.getBackend() !== previous) await tf.setBackend(previous);
  }
  const torch =
    options.torch === false
      ? ({ available: false, reason: 'not requested' } as const)
      : runTorchFor(models, options, settings, shapes);
  if (torch.available) attachTorch(rows, torch.results);
  return { tfjsVersion: tf.version.tfjs, batch: batchSize, paths: statuses, rows, torch };
}

function attachTorch(
  rows: BenchRow[],
  results: Array<{ name: string; params: number; trainImgPerSec: number; forwardImgPerSec: number }>,
): void {
  for (const row of rows) {
    const t = results.find((r) => r.name === row.model);
    if (t == null) continue;
    row.torchParams = t.params;
    row.torchTrainImgPerSec = t.trainImgPerSec;
    row.torchForwardImgPerSec = t.forwardImgPerSec;
    row.trainRatio = row.trainImgPerSec / t.trainImgPerSec;
    row.forwardRatio = row.forwardImgPerSec == null ? null : row.forwardImgPerSec / t.forwardImgPerSec;
  }
}

function runTorchFor(models: BenchModel[], options: TrainBenchOptions, s: Settings, shapes: ShapeLog): TorchOutcome {
  const nets = models.filter((m): m is BenchModel & { torch: TorchNet } => m.torch != null);
  if (nets.length === 0) return { available: false, reason: 'no model has a PyTorch counterpart' };
  const torchModels = nets.map((m) => {
    const [h, w, c] = shapes.get(m.name) ?? inputShapeOf(m);
    return {
      name: m.name,
      kind: m.torch.kind,
      spec: m.torch.spec,
      inputShape: [c, h, w] as [number, number, number],
      numClasses: m.numClasses,
    };
  });
  const python = typeof options.torch === 'string' ? options.torch : undefined;
  return runTorchBench({
    models: torchModels,
    batchSize: s.batchSize,
    warmupSteps: s.warmupSteps,
    windows: s.windows,
    stepsPerWindow: s.stepsPerWindow,
    forwardStepsPerWindow: s.forwardSteps,
    python,
  });
}

/** The model's own [height, width, channels] (built once on the active backend, then disposed). */
function inputShapeOf(m: BenchModel): [number, number, number] {
  const model = m.build();
  try {
    return model.inputs[0].shape.slice(1) as [number, number, number];
  } finally {
    model.dispose();
  }
}

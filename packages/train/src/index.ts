// Public API of @scaling-lab/train: fast wasm training kernels and the training-throughput bench.
export {
  installWasmTrainingKernels,
  uninstallWasmTrainingKernels,
  wasmTrainingKernelsInstalled,
  loadWasmBackend,
} from './wasm/install';
export { buildToyNet, TOY_NET_STAGES, TOY_NET_INPUT, TOY_NET_CLASSES } from './bench/toy-net';
export type { ToyBlock } from './bench/toy-net';
export { runTrainBench, medianImgPerSec, trainableParams, TOY_BENCH_MODEL } from './bench/train-bench';
export type { BenchModel, TrainBenchOptions, TrainBenchResult, BenchRow, PathStatus } from './bench/train-bench';
export {
  BENCH_PATHS,
  DEFAULT_BENCH_PATHS,
  WASM_PATH,
  WASM_NATIVE_PATH,
  WASM_UNFUSED_PATH,
  CPU_PATH,
} from './bench/paths';
export type { BenchPath } from './bench/paths';
export { kernelsPerCall } from './bench/kernel-count';
export { runTorchBench, findTorchPython, torchBenchScript } from './bench/torch-bench';
export type { TorchNet, TorchModel, TorchOutcome, TorchResult } from './bench/torch-bench';
export { formatTrainBench } from './bench/format';
// Backend selection, the trainer and one whole training run.
export { selectBackend, BACKEND_CHOICES } from './backends/select-backend';
export type { BackendChoice, BackendName, SelectedBackend, SelectOptions } from './backends/select-backend';
export { describeLoadFailure, NATIVE_PACKAGES } from './backends/load-failure';
export { TrainError, NonFiniteLossError, isOutOfMemory } from './trainer/errors';
export { makeOptimizer, setLearningRate, getLearningRate, OPTIMIZER_KINDS } from './trainer/optimizers';
export type { OptimizerKind } from './trainer/optimizers';
export { learningRateAt, SCHEDULE_KINDS } from './trainer/schedule';
export type { Schedule, ScheduleKind } from './trainer/schedule';
export { smoothLabels, crossEntropy } from './trainer/loss';
export { addWeightDecay } from './trainer/weight-decay';
export {
  saveCheckpoint,
  loadCheckpoint,
  loadCheckpointModel,
  readCheckpointState,
  deleteCheckpoint,
  CHECKPOINT_DIR,
} from './trainer/checkpoint';
export { CorruptCheckpointError } from './trainer/checkpoint-manifest';
export type { TrainState } from './trainer/checkpoint';
export { evaluate } from './trainer/evaluate';
export type { EvalResult, EvalOptions } from './trainer/evaluate';
export { fit, stepsPerEpoch } from './trainer/fit';
export type { FitConfig, FitHooks, FitResult, Recipe } from './trainer/fit';
export { makeProgress, NO_PROGRESS } from './trainer/progress';
export type { Progress, StepMetrics } from './trainer/progress';
export { withSeededRandom } from './trainer/seed';
export { runTraining, RESULT_FILE, CROP_PADDING } from './run-training';
export type { TrainingConfig, AugmentKind } from './run-training';
export { ensureRunDir, explainFsError } from './run-dir';
export { parseDatasetSpec, loadRunDataset, SYNTHETIC_SHAPE } from './run-dataset';
export type { DatasetSpec } from './run-dataset';
export { recomputeBatchNormStats, PRECISE_BN_IMAGES } from './trainer/precise-bn';
export { tryLockRun, describeOwner, LOCK_FILE } from './run-lock';
export type { LockAttempt, LockOwner } from './run-lock';
// Native (oneDNN) convolution kernels for the wasm backend, when @scaling-lab/native's addon is built.
export {
  enableNativeKernels,
  disableNativeKernels,
  nativeKernelsStatus,
  setNativeThreads,
  NATIVE_ENV,
} from './native/native-kernels';
export type { NativeStatus, EnableOptions } from './native/native-kernels';
export { THREADS_ENV, threadsFromEnv } from '@scaling-lab/native';
// Inference plans: batch norm folded into convolutions, conv blocks fused (one native kernel each where the
// addon is built); evaluation runs through one.
export { compileInference } from './inference/compile-inference';
export type { InferencePlan, InferencePlanSummary } from './inference/compile-inference';

// Public API of @scaling-lab/train: fast wasm training kernels and the training-throughput bench.
export { installWasmTrainingKernels, uninstallWasmTrainingKernels, wasmTrainingKernelsInstalled, loadWasmBackend } from './wasm/install';
export { buildToyNet, TOY_NET_STAGES, TOY_NET_INPUT, TOY_NET_CLASSES } from './bench/toy-net';
export type { ToyBlock } from './bench/toy-net';
export { runTrainBench, medianImgPerSec, TOY_BENCH_MODEL } from './bench/train-bench';
export type { BenchModel, TrainBenchOptions, TrainBenchResult, ModelBenchResult } from './bench/train-bench';
export { runTorchBench, findTorchPython, TORCH_BENCH_SCRIPT } from './bench/torch-bench';
export type { TorchModelName, TorchOutcome, TorchResult } from './bench/torch-bench';
export { formatTrainBench } from './bench/format';
export { benchConvKernels, DEFAULT_KERNEL_SHAPE } from './bench/kernel-bench';
export type { KernelTiming, KernelBenchShape } from './bench/kernel-bench';

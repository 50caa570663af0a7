/** Sample records for tests of this package and its users: a smoke-sized planned run and its result. */
import type { RunResult } from '../src/measured';
import { runKey } from '../src/run-key';
import type { RunSpec } from '../src/run-spec';

export function sampleSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    experiment: 'resnet-width',
    preset: 'smoke',
    step: 2,
    targetRatio: 2,
    onTarget: true,
    lines: [{ strategy: 'width', requested: Math.SQRT2 }],
    baseline: { width: 0.25, resolution: 32 },
    backbone: 'resnet-50',
    scale: { width: 0.25 * Math.SQRT2, resolution: 32 },
    dataset: { name: 'synthetic', channels: 1, limitTrain: 128, limitTest: 64 },
    recipe: {
      epochs: 1,
      batchSize: 32,
      optimizer: 'adam',
      learningRate: 1e-3,
      schedule: 'constant',
      warmupEpochs: 0,
      labelSmoothing: 0,
      weightDecay: 0,
      augment: [],
      zeroInitResidual: false,
    },
    seed: 0,
    ...overrides,
  };
}

export function sampleResult(spec: RunSpec = sampleSpec()): RunResult {
  return {
    runKey: runKey(spec),
    spec,
    measured: {
      depth: 1,
      width: 0.35355,
      resolution: 32,
      phi: null,
      params: 120_000,
      flops: 9_000_000,
      baselineFlops: 5_000_000,
      top1: 0.5,
      top5: 0.9,
      loss: 1.2,
      trainLoss: 1.5,
      trainAccuracy: 0.4,
      epochs: 1,
      imagesSeen: 128,
      seconds: 2,
      imgPerSec: 64,
      backend: 'wasm',
      backendReason: 'asked for',
      datasetName: 'synthetic-10c-28px-1ch',
      channels: 1,
      testImages: 64,
      resumedFrom: null,
      gitCommit: null,
      startedAt: '2026-12-01T10:00:00.000Z',
      finishedAt: '2026-12-01T10:00:05.000Z',
    },
  };
}

// The throughput bench: median-of-windows arithmetic, a real (tiny) run on the cpu backend and on
// wasm, the table formatter, and the PyTorch runner's two outcomes.
import * as tf from '@tensorflow/tfjs';
import { formatTrainBench } from './format';
import * as fs from 'fs';
import { pythonCandidates, runTorchBench, torchBenchScript } from './torch-bench';
import { buildToyNet } from './toy-net';
import { BenchModel, medianImgPerSec, runTrainBench, TrainBenchResult } from './train-bench';
import { disableNativeKernels } from '../native/native-kernels';
import { describeWithNative } from '../native/test-support';

const tiny: BenchModel = {
  name: 'tiny',
  build: () => buildToyNet([{ channels: 4, stride: 2 }], [9, 9, 1], 3),
  numClasses: 3,
};

describe('medianImgPerSec', () => {
  it('excludes warm-up calls and reports the median window', () => {
    let calls = 0;
    const rate = medianImgPerSec(() => {
      calls++;
      const until = performance.now() + 2;
      while (performance.now() < until);
    }, 10, 3, 3, 2);
    expect(calls).toBe(3 + 3 * 2);
    // 10 images per ~2 ms call is ~5000 img/s; busy-waiting can only make it slower.
    expect(rate).toBeLessThanOrEqual(5000);
    expect(rate).toBeGreaterThan(100);
  });
});

describe('runTrainBench', () => {
  it.each(['cpu', 'wasm'])('measures train and forward throughput on %s and restores the backend', async (backend) => {
    await tf.setBackend('cpu');
    const r = await runTrainBench({ backend, models: [tiny], batchSize: 4, warmupSteps: 1, windows: 1, stepsPerWindow: 1, torch: false });
    expect(tf.getBackend()).toBe('cpu');
    expect(r.backend).toBe(backend);
    expect(r.wasmKernels).toBe(backend === 'wasm');
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].trainImgPerSec).toBeGreaterThan(0);
    expect(r.rows[0].forwardImgPerSec).toBeGreaterThan(0);
    expect(r.torch.available).toBe(false);
    expect(r.native).toBeNull();
  });
});

describeWithNative('runTrainBench on wasm + native kernels', () => {
  afterAll(() => disableNativeKernels());

  it('times the step with the native kernels and reports their status', async () => {
    const r = await runTrainBench({ backend: 'wasm', native: true, models: [tiny], batchSize: 4, warmupSteps: 1, windows: 1, stepsPerWindow: 1, torch: false });
    expect(r.native?.enabled).toBe(true);
    expect(r.native?.reason).toMatch(/^oneDNN \d+\.\d+\.\d+, \w+, \d+ threads?$/);
    expect(r.rows[0].trainImgPerSec).toBeGreaterThan(0);
    expect(formatTrainBench(r).split('\n')[0]).toContain('wasm+native train img/s');
  });
});

describe('formatTrainBench', () => {
  const result: TrainBenchResult = {
    backend: 'wasm',
    wasmKernels: true,
    native: null,
    tfjsVersion: '4.22.0',
    batch: 64,
    rows: [{ model: 'toy', batch: 64, trainImgPerSec: 120, forwardImgPerSec: 900, torchTrainImgPerSec: 240, torchForwardImgPerSec: null }],
    torch: { available: false, reason: 'no Python with PyTorch found' },
  };

  it('prints one row per model with the tfjs/PyTorch ratio and the PyTorch status', () => {
    const lines = formatTrainBench(result).split('\n');
    expect(lines[0]).toContain('wasm+kernels train img/s');
    expect(lines[2]).toMatch(/^toy\s+64\s+120\.0\s+900\.0\s+240\.0\s+-\s+0\.50x\s+-$/);
    expect(lines[3]).toBe('PyTorch: skipped (no Python with PyTorch found)');
  });

  it('says in one line why the native path was not measured', () => {
    const skipped = { ...result, rows: [], native: { enabled: false, reason: 'not built' } };
    expect(formatTrainBench(skipped)).toBe('wasm+native: skipped (native kernels unavailable: not built)');
  });
});

describe('PyTorch reference', () => {
  it('tries an explicit interpreter first and never twice', () => {
    const c = pythonCandidates('/opt/py/bin/python3');
    expect(c[0]).toBe('/opt/py/bin/python3');
    expect(new Set(c).size).toBe(c.length);
  });

  it('finds its script through the package, wherever the calling code was bundled', () => {
    const script = torchBenchScript();
    expect(script).toMatch(/packages\/train\/python\/bench_torch\.py$/);
    expect(fs.existsSync(script as string)).toBe(true);
  });

  it('either runs the toy net or says why it cannot', () => {
    const r = runTorchBench({ models: ['toy'], batchSize: 2, warmupSteps: 0, windows: 1, stepsPerWindow: 1 });
    if (r.available) {
      expect(r.results).toHaveLength(1);
      expect(r.results[0].model).toBe('toy');
      expect(r.results[0].trainImgPerSec).toBeGreaterThan(0);
    } else {
      expect(r.reason).toMatch(/PyTorch|failed/);
    }
  }, 60_000);
});

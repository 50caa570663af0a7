// The throughput bench: median-of-windows arithmetic, a real (tiny) run over several backend paths with
// kernels per step, the table formatter, and the PyTorch runner (installed by .ci/run; the bench's
// reference) building the toy net with exactly our parameter count.
import * as fs from 'fs';
import * as tf from '@tensorflow/tfjs';
import { formatTrainBench } from './format';
import { kernelsPerCall } from './kernel-count';
import { fusedKernelsActive } from '../wasm/fused/active';
import { disableNativeKernels } from '../native/native-kernels';
import { describeWithNative } from '../../testing/native';
import { BenchPath, CPU_PATH, WASM_NATIVE_PATH, WASM_PATH, WASM_UNFUSED_PATH } from './paths';
import { pythonCandidates, runTorchBench, torchBenchScript } from './torch-bench';
import { buildToyNet, ToyBlock } from './toy-net';
import { BenchModel, medianImgPerSec, runTrainBench, trainableParams, TrainBenchResult } from './train-bench';

const TINY_STAGES: ToyBlock[] = [{ channels: 4, stride: 2 }];
const tiny: BenchModel = {
  name: 'tiny',
  build: () => buildToyNet(TINY_STAGES, [9, 9, 1], 3),
  numClasses: 3,
  torch: { kind: 'toy', spec: { stages: TINY_STAGES.map((s) => [s.channels, s.stride]) } },
};

describe('medianImgPerSec', () => {
  it('excludes warm-up calls and reports the median window', () => {
    let calls = 0;
    const rate = medianImgPerSec(
      () => {
        calls++;
        const until = performance.now() + 2;
        while (performance.now() < until);
      },
      10,
      3,
      3,
      2,
    );
    expect(calls).toBe(3 + 3 * 2);
    // 10 images per ~2 ms call is ~5000 img/s; busy-waiting can only make it slower.
    expect(rate).toBeLessThanOrEqual(5000);
    expect(rate).toBeGreaterThan(100);
  });
});

describe('runTrainBench', () => {
  it('measures every available path per model in order, reports the others, and restores the backend', async () => {
    await tf.setBackend('cpu');
    const events: string[] = [];
    const traced = (p: BenchPath): BenchPath => ({
      name: p.name,
      unavailable: p.unavailable,
      setup: async () => {
        events.push(`setup ${p.name}`);
        await p.setup();
      },
      teardown: async () => {
        events.push(`teardown ${p.name}`);
        await p.teardown();
      },
    });
    const missing: BenchPath = {
      name: 'wasm+missing',
      unavailable: () => 'addon not built',
      setup: async () => {
        throw new Error('must not run');
      },
      teardown: async () => undefined,
    };
    const paths = [traced(WASM_PATH), missing, traced(WASM_UNFUSED_PATH), traced(CPU_PATH)];
    const tinier: BenchModel = { ...tiny, name: 'tinier' };
    const r = await runTrainBench({
      paths,
      models: [tiny, tinier],
      batchSize: 4,
      warmupSteps: 1,
      windows: 1,
      stepsPerWindow: 1,
      torch: false,
    });
    expect(tf.getBackend()).toBe('cpu');
    const round = [
      'setup wasm',
      'teardown wasm',
      'setup wasm-unfused',
      'teardown wasm-unfused',
      'setup cpu',
      'teardown cpu',
    ];
    expect(events).toEqual([...round, ...round]);
    expect(r.paths).toEqual([
      { name: 'wasm', ran: true },
      { name: 'wasm+missing', ran: false, reason: 'addon not built' },
      { name: 'wasm-unfused', ran: true },
      { name: 'cpu', ran: true },
    ]);
    expect(r.rows.map((row) => `${row.model} ${row.path}`)).toEqual([
      'tiny wasm',
      'tiny wasm-unfused',
      'tiny cpu',
      'tinier wasm',
      'tinier wasm-unfused',
      'tinier cpu',
    ]);
    const [wasm, unfused, cpu] = r.rows;
    for (const row of r.rows) {
      expect(row.trainImgPerSec).toBeGreaterThan(0);
      expect(row.forwardImgPerSec).toBeGreaterThan(0);
      expect(row.params).toBe(trainableParams(tiny.build()));
    }
    // The fused kernels (batch norm, activation gradients, optimizer updates) only run on wasm.
    expect(wasm.kernelsPerStep).toBeGreaterThan(0);
    expect(wasm.kernelsPerStep * 3).toBeLessThan(unfused.kernelsPerStep);
    expect(unfused.kernelsPerStep).toBe(cpu.kernelsPerStep);
    // The forward pass is evaluation's inference plan, not the model run layer by layer: the tiny net's two
    // batch norms and two ReLUs are folded into its convolutions, at least one kernel fewer each.
    const model = tiny.build();
    const x = tf.zeros([4, 9, 9, 1]);
    const layerByLayer = (await kernelsPerCall(() => model.apply(x, { training: false }))).total;
    x.dispose();
    model.dispose();
    for (const row of r.rows) expect(row.kernelsPerForward! + 4).toBeLessThanOrEqual(layerByLayer);
    await tf.setBackend('wasm');
    expect(fusedKernelsActive()).toBe(true); // the unfused path's teardown re-enabled them
    await tf.setBackend('cpu');
    expect(r.torch).toEqual({ available: false, reason: 'not requested' });
  });
});

describeWithNative('runTrainBench on the wasm+native path', () => {
  afterAll(() => disableNativeKernels());

  it('times the step with the native kernels and says what they ran on', async () => {
    const r = await runTrainBench({
      paths: [WASM_NATIVE_PATH],
      models: [tiny],
      batchSize: 4,
      warmupSteps: 1,
      windows: 1,
      stepsPerWindow: 1,
      torch: false,
    });
    expect(r.paths).toEqual([
      { name: 'wasm+native', ran: true, note: expect.stringMatching(/^oneDNN \d+\.\d+\.\d+, \w+, 1 thread$/) },
    ]);
    expect(r.rows[0].path).toBe('wasm+native');
    expect(r.rows[0].trainImgPerSec).toBeGreaterThan(0);
    expect(formatTrainBench(r).split('\n')).toContain(`wasm+native: ${(r.paths[0] as { note: string }).note}`);
  });
});

describe('formatTrainBench', () => {
  const row = {
    model: 'toy',
    path: 'wasm',
    batch: 64,
    params: 5000,
    torchParams: 5000,
    trainImgPerSec: 120,
    forwardImgPerSec: 900,
    kernelsPerStep: 201,
    kernelsPerForward: 14,
    torchTrainImgPerSec: 240,
    torchForwardImgPerSec: null,
    trainRatio: 0.5,
    forwardRatio: null,
  };
  const result: TrainBenchResult = {
    tfjsVersion: '4.22.0',
    batch: 64,
    paths: [
      { name: 'wasm', ran: true },
      { name: 'wasm+native', ran: false, reason: 'addon not built' },
    ],
    rows: [row, { ...row, model: 'resnet', torchParams: 4999 }],
    torch: { available: false, reason: 'no Python with PyTorch found' },
  };

  it('prints one row per model and path with kernels, parameters and ratios, then what did not run', () => {
    const lines = formatTrainBench(result).split('\n');
    expect(lines[1]).toMatch(/^model\s+path\s+params \(ours vs torch\)\s+kernels\/step\s+train img\/s/);
    expect(lines[3]).toMatch(/^toy\s+wasm\s+5000 \(=\)\s+201\s+120\.0\s+240\.0\s+0\.50x\s+14\s+900\.0\s+-\s+-$/);
    expect(lines[4]).toContain('5000 vs 4999');
    expect(lines[5]).toBe('wasm+native: not measured (addon not built)');
    expect(lines[6]).toBe('PyTorch: skipped (no Python with PyTorch found)');
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

  it('builds the toy net with our parameter count and times it', async () => {
    await tf.setBackend('cpu');
    const r = runTorchBench({
      models: [{ name: 'tiny', kind: 'toy', spec: tiny.torch!.spec, inputShape: [1, 9, 9], numClasses: 3 }],
      batchSize: 2,
      warmupSteps: 0,
      windows: 1,
      stepsPerWindow: 1,
      forwardStepsPerWindow: 1,
    });
    if (!r.available)
      throw new Error(
        `PyTorch is the bench's reference and must be installed for this test (.ci/run does): ${r.reason}`,
      );
    expect(r.results).toHaveLength(1);
    expect(r.results[0].params).toBe(trainableParams(tiny.build()));
    expect(r.results[0].trainImgPerSec).toBeGreaterThan(0);
    expect(r.results[0].forwardImgPerSec).toBeGreaterThan(0);
  }, 120_000);
});

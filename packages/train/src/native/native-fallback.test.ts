// Without the native kernels everything still trains on the plain wasm kernels: SCALING_LAB_NATIVE=off and
// an addon that fails to load both make backend selection report `wasm` with the reason, and a training
// step of a small net works there. Runs whether or not the addon is built.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '@scaling-lab/data';
import { buildToyNet } from '../bench/toy-net';
import { selectBackend } from '../backends/select-backend';
import { trainStep } from '../trainer/train-step';
import { seeded } from '../../testing/wasm';
import { disableNativeKernels, enableNativeKernels, NATIVE_ENV, nativeKernelsStatus } from './native-kernels';

function notInstalled(id: string): never {
  throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
}

const brokenAddon = () =>
  ({ ok: false, reason: 'the addon cannot load libdnnl.so.2; build it with `npm run native:build`' }) as const;

/** One optimizer step of a tiny net on the current backend; returns the loss and how far the weights moved. */
function oneStep(): { loss: number; moved: number } {
  const model = buildToyNet([{ channels: 4, stride: 2 }], [9, 9, 1], 3);
  const before = model.getWeights().map((w) => w.dataSync().slice());
  const xs = tf.tensor4d(seeded(2 * 81, 5), [2, 9, 9, 1]);
  const ys = tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3) as tf.Tensor2D;
  const batch: Batch = { xs, ys, labels: Int32Array.from([0, 2]), dispose: () => tf.dispose([xs, ys]) };
  const optimizer = tf.train.adam(0.01);
  const outcome = trainStep(
    model,
    optimizer,
    model.trainableWeights.map((w) => w.read() as tf.Variable),
    batch,
    { labelSmoothing: 0, weightDecay: 0 },
  );
  const moved = Math.max(
    ...model.getWeights().map((w, i) => Math.max(...w.dataSync().map((v, j) => Math.abs(v - before[i][j])))),
  );
  batch.dispose();
  optimizer.dispose();
  model.dispose();
  return { loss: outcome.loss, moved };
}

describe('training without the native kernels', () => {
  const saved = process.env[NATIVE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[NATIVE_ENV];
    else process.env[NATIVE_ENV] = saved;
    disableNativeKernels();
  });

  it('SCALING_LAB_NATIVE=off: auto picks plain wasm, says why, and a training step works', async () => {
    process.env[NATIVE_ENV] = 'off';
    const lines: string[] = [];
    const selected = await selectBackend('auto', { requireModule: notInstalled, log: (l) => lines.push(l) });
    expect(selected.name).toBe('wasm');
    expect(selected.reason).toMatch(/wasm \(native kernels unavailable: SCALING_LAB_NATIVE=off\)$/);
    expect(lines).toEqual([`backend: wasm (${selected.reason})`]);
    expect(nativeKernelsStatus().enabled).toBe(false);
    const { loss, moved } = oneStep();
    expect(Number.isFinite(loss)).toBe(true);
    expect(moved).toBeGreaterThan(0);
  });

  it('an addon that cannot load: wasm with the load error as the reason, and a training step works', async () => {
    delete process.env[NATIVE_ENV]; // the load failure is what is tested, also when the suite runs with SCALING_LAB_NATIVE=off
    const selected = await selectBackend('auto', {
      requireModule: notInstalled,
      loadNativeAddon: brokenAddon,
      log: null,
    });
    expect(selected.name).toBe('wasm');
    expect(selected.reason).toContain('native kernels unavailable: the addon cannot load libdnnl.so.2');
    expect(Number.isFinite(oneStep().loss)).toBe(true);
  });

  it('a bad SCALING_LAB_NATIVE value is a usage error naming it', async () => {
    process.env[NATIVE_ENV] = 'yes';
    await expect(selectBackend('wasm', { log: null })).rejects.toThrow(
      "SCALING_LAB_NATIVE must be 'off' or 'auto', got 'yes'",
    );
  });

  it('disabling re-registers the kernels that were there before', async () => {
    await selectBackend('wasm', { loadNativeAddon: brokenAddon, log: null });
    const plain = tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')!.kernelFunc;
    enableNativeKernels({ env: { SCALING_LAB_THREADS: '1' } });
    disableNativeKernels();
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')!.kernelFunc).toBe(plain);
    expect(nativeKernelsStatus().enabled).toBe(false);
  });
});

/**
 * Every registered backbone, built small, gives the same outputs through its inference plan (batch norm
 * folded into convolutions, fused conv blocks) as run layer by layer in inference mode, within 1e-4 — with
 * the native inference kernel where the addon loads and on the wasm kernels alone. Batch norms get
 * statistics far from their initial ones first, so folding them changes the numbers.
 */
import * as tf from '@tensorflow/tfjs';
import {
  compileInference,
  disableNativeKernels,
  enableNativeKernels,
  installWasmTrainingKernels,
} from '@scaling-lab/train';
import { scaleSpec } from '@scaling-lab/scaling';
import { listBackbones } from './index';

const SMALL = { width: 0.25, resolution: 32 };
const BATCH = 2;

/** Deterministic values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function randomizeBatchNorms(model: tf.LayersModel): number {
  const layers = model.layers.filter((l) => l.getClassName() === 'BatchNormalization');
  layers.forEach((layer, i) => {
    const weights = layer.getWeights();
    // gamma, beta, moving mean, moving variance (those present); the variance stays positive.
    const next = weights.map((w, k) =>
      tf.tensor(
        values(w.size, 31 * i + k).map((u) => (k === weights.length - 1 ? 0.5 + u * u : u)),
        w.shape,
      ),
    );
    layer.setWeights(next);
    tf.dispose(next);
  });
  return layers.length;
}

function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

// The deeper members of a family are built from the same blocks; leaving them out keeps the suite fast.
const backbones = listBackbones().filter((b) => !/^(resnet-(101|152)|efficientnet-b[2-7])$/.test(b.id));

beforeAll(async () => {
  installWasmTrainingKernels();
  await tf.setBackend('wasm');
});
afterAll(() => disableNativeKernels());

describe.each([
  ['wasm kernels', false],
  ['native inference kernel where the addon loads', true],
] as const)('inference plans on %s', (_label, native) => {
  beforeAll(() => {
    if (!native) return disableNativeKernels();
    const status = enableNativeKernels({ env: { SCALING_LAB_THREADS: '1' } });
    // CI builds the addon and sets SCALING_LAB_REQUIRE_NATIVE=1; elsewhere this repeats the wasm run.
    if (!status.enabled && process.env.SCALING_LAB_REQUIRE_NATIVE === '1')
      throw new Error(`native addon unavailable: ${status.reason}`);
  });

  it.each(backbones.map((b) => [b.id, b] as const))('%s matches the model run layer by layer', (_id, backbone) => {
    const spec = scaleSpec(backbone, SMALL);
    const model = backbone.build(spec, { numClasses: 10, inputChannels: 3 });
    const batchNorms = randomizeBatchNorms(model);
    const x = tf.tensor4d(values(BATCH * spec.resolution * spec.resolution * 3, 5), [
      BATCH,
      spec.resolution,
      spec.resolution,
      3,
    ]);
    const plan = compileInference(model);
    try {
      const expected = tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
      const actual = plan.predict(x);
      expect(maxRelError(actual.dataSync(), expected.dataSync())).toBeLessThan(1e-4);
      tf.dispose([expected, actual]);
      expect(plan.summary.fallback).toBeUndefined();
      // Every batch norm of these nets follows a convolution read by nothing else.
      expect(plan.summary.foldedBatchNorms).toBe(batchNorms);
    } finally {
      plan.dispose();
      x.dispose();
      model.dispose();
    }
  });
});

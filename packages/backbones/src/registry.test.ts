/**
 * Registry-parametrized checks: every registered backbone is built small, run forward and backward, checked
 * against its published reference numbers, and its FLOPs are checked to scale as each strategy says. A new
 * backbone gets all of this by registering. Only the gradient check allocates weights (at quarter width);
 * every count comes from the weight-free profile (core's `profileWithoutWeights`, equal to the built model's
 * profile on every backbone), each distinct scaled table profiled once per backbone.
 */
import * as tf from '@tensorflow/tfjs';
import { installWasmTrainingKernels } from '@scaling-lab/train';
import type { Backbone, ModelProfile, StageSpec } from '@scaling-lab/core';
import { macsBySpatialOutput, profileOf, withModel } from '@scaling-lab/core/testing';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import { listBackbones } from './index';

const backbones = listBackbones();

const TEN_CLASSES = { numClasses: 10, inputChannels: 3 };

/** Profiles of one backbone's models, each distinct scaled table built once (at 10 classes). */
function profileCache(backbone: Backbone<StageSpec>): (request: ScaleRequest) => ModelProfile {
  const cache = new Map<string, ModelProfile>();
  return (request) => {
    const spec = scaleSpec(backbone, request);
    // Requests that reach the same table (e.g. a fixed resolution and a base resolution) share one build.
    const key = JSON.stringify({ ...spec, scale: null });
    let profile = cache.get(key);
    if (!profile) {
      profile = profileOf(backbone, spec, TEN_CLASSES);
      cache.set(key, profile);
    }
    return profile;
  };
}

beforeAll(async () => {
  // The gradient checks run where training runs: wasm with the project's gradient kernels.
  installWasmTrainingKernels();
  await tf.setBackend('wasm');
});

it('registers the backbones the product promises', () => {
  const ids = backbones.map((b) => b.id);
  const promised = [
    'mobilenet-v1',
    'mobilenet-v2',
    'mobilenet-v3-small',
    'resnet-18',
    'resnet-34',
    'resnet-50',
    'resnet-101',
    'resnet-152',
    ...Array.from({ length: 8 }, (_, i) => `efficientnet-b${i}`),
  ];
  expect(ids).toEqual(expect.arrayContaining(promised));
});

describe.each(backbones.map((b) => [b.id, b] as const))('%s', (_id, backbone) => {
  const cachedProfile = profileCache(backbone);
  const flopsOf = (request: ScaleRequest) => cachedProfile(request).flops;

  it('builds small, outputs class probabilities, and every trainable weight gets a gradient', () => {
    // Smallest input, quarter width and half depth (still ≥ 2 blocks in long stages, so residual paths
    // are exercised) keep even B7 quick.
    const resolution = backbone.totalStride;
    const spec = scaleSpec(backbone, { resolution, width: 0.25, depth: 0.5 });
    withModel(
      backbone,
      spec,
      (model) => {
        expect(model.inputs[0].shape).toEqual([null, resolution, resolution, 1]);
        const grads = tf.tidy(() => {
          const x = tf.randomNormal([4, resolution, resolution, 1], 0, 1, 'float32', 1);
          const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 7);
          const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
          const { value, grads } = tf.variableGrads(() => {
            const out = model.apply(x, { training: true }) as tf.Tensor;
            expect(out.shape).toEqual([4, 7]);
            const rowSums = out.sum(1).dataSync();
            for (const s of rowSums) expect(s).toBeCloseTo(1, 4);
            return tf.losses.softmaxCrossEntropy(y, out.log()) as tf.Scalar;
          }, variables);
          expect(Number.isFinite(value.dataSync()[0])).toBe(true);
          return model.trainableWeights.map((w) => ({
            name: w.name,
            norm: grads[(w.read() as tf.Variable).name].abs().max(),
          }));
        });
        const zero = grads.filter((g) => !(g.norm.dataSync()[0] > 0)).map((g) => g.name);
        grads.forEach((g) => g.norm.dispose());
        expect(zero).toEqual([]);
      },
      { numClasses: 7, inputChannels: 1, dropout: 0, dropConnect: 0 },
    );
  });

  if (backbone.reference) {
    const ref = backbone.reference;
    it(`matches its reference: ${ref.trainableParams.toLocaleString('en-US')} trainable params at ${ref.resolution}px (${ref.source})`, () => {
      const p = profileOf(backbone, scaleSpec(backbone, { resolution: ref.resolution }), {
        numClasses: ref.numClasses,
        inputChannels: 3,
      });
      expect(p.params.trainable).toBe(ref.trainableParams);
      // Published multiply-adds are often a paper's rounded figure (300M, 0.39B); 5% covers their printed digits.
      expect(Math.abs(p.flops / ref.flops - 1)).toBeLessThanOrEqual(0.05);
    });
  }

  it('FLOPs scale as each strategy says (64 px, 10 classes)', () => {
    const base = { resolution: 64 };
    const f0 = flopsOf(base);
    const ratio = (r: ScaleRequest) => flopsOf({ ...base, ...r }) / f0;
    // Depth ×2: repeats double; the stem and head do not (below 2×), but the added blocks run at the
    // stage's full width where the first block narrows from the previous stage (above 2×).
    expect(ratio({ depth: 2 })).toBeGreaterThan(1.5);
    expect(ratio({ depth: 2 })).toBeLessThan(2.5);
    // Width ×√2: every conv's MACs grow by ~2 (channel rounding to multiples of 8 moves it a little).
    expect(ratio({ width: Math.SQRT2 })).toBeGreaterThan(1.6);
    expect(ratio({ width: Math.SQRT2 })).toBeLessThan(2.4);
    // Resolution ×2 (64 → 128 px): every layer with a spatial output does exactly 4× the work; layers on
    // pooled features (dense layers, squeeze-excite convs, MobileNetV3's 1024-wide hidden layer) do not change.
    const [lo, hi] = [64, 128].map((resolution) => macsBySpatialOutput(cachedProfile({ resolution })));
    expect(hi.spatial).toBe(4 * lo.spatial);
    expect(hi.pooled).toBe(lo.pooled);
    expect(lo.spatial).toBeGreaterThan(lo.pooled);
  });

  it('compound φ=1 multiplies FLOPs by ≈ α·β²·γ² = 1.92 up to rounding', () => {
    // From 160 px, γ = 1.15 gives exactly 184 px, so only depth and width rounding move the ratio.
    const base = { baseResolution: 160 };
    const f0 = flopsOf(base);
    const ratio = flopsOf({ ...base, phi: 1 }) / f0;
    expect(ratio).toBeGreaterThan(1.7);
    // ceil() turns single-block stages into two at α = 1.2, so shallow tables overshoot 1.92.
    expect(ratio).toBeLessThan(2.8);
    // The three dimensions compose: compound ≈ depth-only × width-only × resolution-only ratios.
    const separate = [{ depth: 1.2 }, { width: 1.1 }, { resolutionMultiplier: 1.15 }]
      .map((r) => flopsOf({ ...base, ...r }) / f0)
      .reduce((a, b) => a * b, 1);
    expect(Math.abs(ratio / separate - 1)).toBeLessThan(0.15);
  });
});

/**
 * The weight-free profile (core's profileWithoutWeights) equals the profile of the fully built model on
 * every registered backbone at several scales: params (total and trainable), multiply-adds, other ops and
 * every layer's row. Planning relies on this to size ladders without allocating weights.
 */
import * as tf from '@tensorflow/tfjs';
import { type Backbone, profileModel, profileWithoutWeights, type StageSpec } from '@scaling-lab/core';
import { type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import { listBackbones } from './index';

const SCALES: readonly { name: string; request: ScaleRequest; classes: number; channels: number }[] = [
  {
    name: 'quarter width at 32 px, 1 channel',
    request: { width: 0.25, resolution: 32, resolutionDivisor: 4 },
    classes: 10,
    channels: 1,
  },
  {
    name: 'depth ×2.3, width ×0.6 at 72 px',
    request: { depth: 2.3, width: 0.6, resolution: 72 },
    classes: 10,
    channels: 3,
  },
  { name: 'compound φ=1.5 from 96 px', request: { phi: 1.5, baseResolution: 96 }, classes: 100, channels: 3 },
];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(listBackbones().map((b) => [b.id, b] as const))('%s', (_id, backbone: Backbone<StageSpec>) => {
  it.each(SCALES.map((s) => [s.name, s] as const))('equals the built model’s profile: %s', (_name, s) => {
    const spec = scaleSpec(backbone, s.request);
    const options = { numClasses: s.classes, inputChannels: s.channels };
    const before = tf.memory().numBytes;
    const symbolic = profileWithoutWeights(() => backbone.build(spec, options));
    // Nothing was allocated for the weight-free build.
    expect(tf.memory().numBytes).toBe(before);
    const model = backbone.build(spec, options);
    try {
      const real = profileModel(model);
      expect(symbolic.params).toEqual(real.params);
      expect(symbolic.flops).toBe(real.flops);
      expect(symbolic.otherOps).toBe(real.otherOps);
      expect(symbolic.layers).toEqual(real.layers);
    } finally {
      model.dispose();
    }
  });

  it('leaves weight creation working afterwards, also when the build throws', () => {
    expect(() =>
      profileWithoutWeights(() => {
        throw new Error('builder failed');
      }),
    ).toThrow('builder failed');
    const model = backbone.build(scaleSpec(backbone, { width: 0.25, resolution: backbone.totalStride }), {
      numClasses: 2,
      inputChannels: 1,
    });
    try {
      expect(model.trainableWeights[0].read()).toBeInstanceOf(tf.Tensor);
    } finally {
      model.dispose();
    }
  });
});

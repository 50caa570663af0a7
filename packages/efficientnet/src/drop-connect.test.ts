/**
 * Drop-connect: the reference schedule (rate grows linearly with the global block index), placement on
 * residual branches only, per-example dropping in training, and a deterministic identity at inference.
 */
import * as tf from '@tensorflow/tfjs';
import { scaleSpec } from '@scaling-lab/scaling';
import { efficientNets } from './backbone';
import { dropConnectRate } from '@scaling-lab/core';
import { expectedResiduals, layerNamesOfType, withModel } from '@scaling-lab/core/testing';

const b0 = efficientNets[0];
// Narrow and tiny so forward passes on the CPU backend stay fast; the block structure is B0's.
const small = scaleSpec(b0, { resolution: 32, width: 0.25 });
/** At the scheduled rate 0.5 a batch of 16 is all-kept or all-dropped with probability 2^-15. */
const BATCH = 16;

/** Global block index of every `stageS_blockB` prefix, in build order. */
function blockIndices(): Map<string, number> {
  const indices = new Map<string, number>();
  small.stages.forEach((stage, s) => {
    for (let b = 0; b < stage.repeats; b++) indices.set(`stage${s + 2}_block${b + 1}`, indices.size);
  });
  return indices;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dropConnectRate', () => {
  it('grows linearly from 0 at the first block to just under the base rate at the last', () => {
    expect(dropConnectRate(0.2, 0, 16)).toBe(0);
    expect(dropConnectRate(0.2, 8, 16)).toBeCloseTo(0.1);
    expect(dropConnectRate(0.2, 15, 16)).toBeCloseTo(0.1875);
  });
});

describe('drop-connect layers', () => {
  it('sit on every residual branch except the first block’s, with the scheduled rate (default 0.2)', () => {
    withModel(
      b0,
      small,
      (model) => {
        const indices = blockIndices();
        const total = indices.size;
        const residualPrefixes = expectedResiduals(small).map((n) => n.replace(/_add$/, ''));
        const drops = layerNamesOfType(model, 'Dropout').filter((n) => n !== 'classifier_dropout');
        expect(drops).toEqual(residualPrefixes.filter((p) => indices.get(p)! > 0).map((p) => `${p}_drop`));
        for (const name of drops) {
          const config = model.getLayer(name).getConfig();
          expect(config.rate).toBeCloseTo((0.2 * indices.get(name.replace(/_drop$/, ''))!) / total, 12);
          expect(config.noiseShape).toEqual([null, 1, 1, 1]);
        }
      },
      { numClasses: 10, inputChannels: 3 },
    );
  });

  it('are absent when dropConnect is 0', () => {
    withModel(
      b0,
      small,
      (model) => {
        expect(layerNamesOfType(model, 'Dropout')).toEqual(['classifier_dropout']);
      },
      { numClasses: 10, inputChannels: 3, dropConnect: 0 },
    );
  });

  it('drop whole examples of a residual branch in training and are the identity at inference', () => {
    withModel(
      b0,
      small,
      (model) => {
        // The branch whose scheduled rate is closest to 0.5, so both outcomes are near-certain in a batch.
        const drop = model.layers
          .filter((l) => l.name.endsWith('_drop'))
          .reduce((best, l) =>
            Math.abs((l.getConfig().rate as number) - 0.5) < Math.abs((best.getConfig().rate as number) - 0.5)
              ? l
              : best,
          );
        const rate = drop.getConfig().rate as number;
        const branch = model.getLayer(drop.name.replace(/_drop$/, '_project_bn'));
        const probe = tf.model({
          inputs: model.inputs,
          outputs: [branch.output as tf.SymbolicTensor, drop.output as tf.SymbolicTensor],
        });
        const x = tf.randomNormal([BATCH, 32, 32, 3], 0, 1, 'float32', 7);

        const [kept, dropped] = tf.tidy(() => {
          const [before, after] = probe.apply(x, { training: true }) as tf.Tensor[];
          const scaled = before.div(1 - rate);
          // Per example: is the output all zeros, or all exactly the branch scaled by 1 / (1 - rate)?
          const isZero = after.abs().max([1, 2, 3]).equal(0);
          const isScaled = after
            .sub(scaled)
            .abs()
            .max([1, 2, 3])
            .lessEqual(scaled.abs().max([1, 2, 3]).mul(1e-5));
          return [isScaled, isZero];
        });
        const keptFlags = Array.from(kept.dataSync());
        const droppedFlags = Array.from(dropped.dataSync());
        tf.dispose([kept, dropped]);
        keptFlags.forEach((k, i) => expect(k + droppedFlags[i]).toBe(1));
        expect(droppedFlags.some((d) => d === 1)).toBe(true);
        expect(keptFlags.some((k) => k === 1)).toBe(true);

        tf.tidy(() => {
          const [before, after] = probe.apply(x, { training: false }) as tf.Tensor[];
          expect(after.sub(before).abs().max().dataSync()[0]).toBe(0);
          const p1 = model.predict(x) as tf.Tensor;
          const p2 = model.predict(x) as tf.Tensor;
          expect(p1.sub(p2).abs().max().dataSync()[0]).toBe(0);
        });
        x.dispose();
      },
      { numClasses: 10, inputChannels: 3, dropConnect: 0.8 },
    );
  });
});

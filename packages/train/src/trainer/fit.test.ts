// The training loop end to end on a tiny net (wasm backend with the project's kernels): it learns, does not leak tensors, resumes an
// interrupted run to the very same weights, and stops on a NaN loss keeping the last good checkpoint.
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Batch, BatchOptions, Dataset, Split } from '@scaling-lab/data';
import { loadCheckpoint, loadCheckpointModel, readCheckpointState } from './checkpoint';
import { makeOptimizer } from './optimizers';
import { evaluate } from './evaluate';
import { fit } from './fit';
import {
  buildTinyNet,
  TINY_CLASSES,
  TINY_SIZE,
  tempDir,
  tinyConfig,
  tinyDataset,
  useWasm,
  weightValues,
} from '../../testing/trainer';

jest.setTimeout(60_000);
beforeAll(useWasm);

const EVAL = { batchSize: 64, resolution: TINY_SIZE, channels: 1 as const };

describe('fit', () => {
  it('learns the synthetic classes well above chance, with a flat tensor count across epochs', async () => {
    const model = await buildTinyNet(1);
    const data = tinyDataset();
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const { dir, cleanup } = tempDir();
    try {
      const { state } = await fit(model, data, tinyConfig({ epochs: 4, checkpointDir: path.join(dir, 'checkpoint') }), {
        onEpochEnd: () => counts.push(tf.memory().numTensors),
      });
      expect(state.epoch).toBe(4);
      expect(state.imagesSeen).toBe(4 * 256);
      expect(new Set(counts).size).toBe(1);
      // The optimizer's slots are freed with it: only the model's own weights remain.
      expect(tf.memory().numTensors).toBe(before);
      const result = evaluate(model, data, EVAL);
      expect(result.images).toBe(128);
      expect(result.top1).toBeGreaterThan(2 / TINY_CLASSES); // chance is 1/4
      expect(result.top5).toBe(1); // top-5 of 4 classes always hits
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      model.dispose();
      cleanup();
    }
  });

  it('resumes an interrupted run from its checkpoint to the same weights as an unbroken run', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const data = tinyDataset(128, 8);
      const unbroken = await buildTinyNet(1);
      await fit(unbroken, data, tinyConfig({ epochs: 3 }));

      const config = tinyConfig({ epochs: 3, checkpointDir: path.join(dir, 'checkpoint') });
      const first = await buildTinyNet(1);
      const killed = new Error('killed after epoch 1');
      await expect(
        fit(first, data, config, {
          onEpochEnd: (s) => {
            if (s.epoch === 1) throw killed;
          },
        }),
      ).rejects.toBe(killed);
      expect((await readCheckpointState(config.checkpointDir!))?.epoch).toBe(1);

      const second = await buildTinyNet(99); // the checkpoint overrides these weights
      const { state, resumedFrom } = await fit(second, data, config);
      expect(resumedFrom).toBe(1);
      expect(state.epoch).toBe(3);
      expect(state.step).toBe(3 * 4);
      expect(state.imagesSeen).toBe(3 * 128);
      const a = weightValues(unbroken);
      const b = weightValues(second);
      a.forEach((w, i) => Array.from(w).forEach((v, j) => expect(b[i][j]).toBeCloseTo(v, 5)));
      [unbroken, first, second].forEach((m) => m.dispose());
    } finally {
      cleanup();
    }
  });

  it('refuses to resume a checkpoint of another configuration', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const data = tinyDataset(64, 8);
      const checkpointDir = path.join(dir, 'checkpoint');
      const model = await buildTinyNet(1);
      await fit(model, data, tinyConfig({ epochs: 1, checkpointDir }));
      await expect(fit(model, data, tinyConfig({ epochs: 2, checkpointDir, fingerprint: 'other' }))).rejects.toThrow(
        /different run configuration/,
      );
      model.dispose();
    } finally {
      cleanup();
    }
  });

  it('stops on a NaN loss with a one-line message and keeps the last good checkpoint', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const checkpointDir = path.join(dir, 'checkpoint');
      const data = poisonedFromEpoch(tinyDataset(64, 8), 2);
      const model = await buildTinyNet(1);
      const error = await fit(model, data, tinyConfig({ epochs: 3, checkpointDir })).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^training loss became NaN at epoch 2 step 1 .*last good checkpoint \(epoch 1\) is kept in .*; lower --lr/,
      );
      expect((error as Error).message).not.toContain('\n');
      const state = await readCheckpointState(checkpointDir);
      expect(state?.epoch).toBe(1);
      // The bad update was never applied: trainable weights are still finite. (Batch-norm moving statistics
      // are updated by the forward pass itself, so those did take the NaN; the checkpoint holds good ones.)
      expect(model.trainableWeights.every((w) => Array.from(w.read().dataSync()).every(Number.isFinite))).toBe(true);
      const restored = await loadCheckpointModel(checkpointDir);
      expect(weightValues(restored).every((w) => w.every(Number.isFinite))).toBe(true);
      restored.dispose();
      model.dispose();
    } finally {
      cleanup();
    }
  });
});

describe('fit with batch-norm statistics gone to Inf', () => {
  it('keeps the last good checkpoint, and every tensor in it is finite, optimizer slots included', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const checkpointDir = path.join(dir, 'checkpoint');
      const model = await buildTinyNet(1);
      // Training-mode forward passes use batch statistics, so the loss and the trainable weights stay finite
      // while the moving variance stays Inf: what a huge learning rate with strong weight decay produced.
      const breakMovingVariance = (s: { epoch: number }) => {
        if (s.epoch !== 1) return;
        const bn = model.getLayer('stem_bn') as unknown as {
          movingVariance: { write(t: tf.Tensor): void; shape: number[] };
        };
        bn.movingVariance.write(tf.fill(bn.movingVariance.shape, Infinity));
      };
      const error = await fit(model, tinyDataset(64, 8), tinyConfig({ epochs: 3, checkpointDir }), {
        onEpochEnd: breakMovingVariance,
      }).catch((e: Error) => e);
      expect((error as Error).message).toMatch(
        /^weights became NaN\/Inf in epoch 2 \(stem_bn\/moving_variance\); the last good checkpoint \(epoch 1\) is kept in /,
      );
      expect(model.trainableWeights.every((w) => Array.from(w.read().dataSync()).every(Number.isFinite))).toBe(true);

      const fresh = await buildTinyNet(2);
      const optimizer = makeOptimizer('adam', 1e-2);
      expect((await loadCheckpoint(checkpointDir, fresh, optimizer))?.epoch).toBe(1);
      expect(weightValues(fresh).every((w) => w.every(Number.isFinite))).toBe(true); // moving statistics included
      const slots = await optimizer.getWeights();
      expect(slots.length).toBeGreaterThan(1);
      expect(slots.every((s) => Array.from(s.tensor.dataSync()).every(Number.isFinite))).toBe(true);
      [fresh, model].forEach((m) => m.dispose());
      optimizer.dispose();
    } finally {
      cleanup();
    }
  });
});

/** Wraps a dataset so every training batch from epoch `epoch` on (1-based) has NaN pixels. */
function poisonedFromEpoch(data: Dataset, epoch: number): Dataset {
  let calls = 0;
  return Object.assign(Object.create(data) as Dataset, {
    batches(split: Split, options: BatchOptions): IterableIterator<Batch> {
      if (split !== 'train') return data.batches(split, options);
      calls++;
      if (calls < epoch) return data.batches(split, options);
      return (function* () {
        for (const b of data.batches(split, options)) {
          const xs = tf.fill(b.xs.shape, NaN) as tf.Tensor4D;
          b.xs.dispose();
          yield { xs, ys: b.ys, labels: b.labels, dispose: () => tf.dispose([xs, b.ys]) };
        }
      })();
    },
  });
}

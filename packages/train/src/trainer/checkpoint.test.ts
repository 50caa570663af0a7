// Checkpoints restore a model and its optimizer exactly, whichever optimizer trained them, and the model
// files load back as a standalone tfjs LayersModel.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadCheckpoint, loadCheckpointModel, readCheckpointState, saveCheckpoint, type TrainState } from './checkpoint';
import { makeOptimizer, OPTIMIZER_KINDS } from './optimizers';
import { buildTinyNet, tempDir, tinyDataset, useQuietCpu, weightValues } from './test-support';
import { trainStep } from './train-step';

beforeAll(useQuietCpu);

const STATE: TrainState = { epoch: 3, step: 24, imagesSeen: 768, seconds: 1.5, seed: 5, trainLoss: 0.7, fingerprint: 'f', startedAt: '2026-01-01T00:00:00.000Z' };

async function optimizerValues(o: tf.Optimizer): Promise<Float32Array[]> {
  const slots = await o.getWeights();
  const values = slots.map((s) => Float32Array.from(s.tensor.dataSync()));
  tf.dispose(slots.filter((s) => !(s.tensor instanceof tf.Variable)).map((s) => s.tensor));
  return values;
}

describe.each(OPTIMIZER_KINDS)('checkpoint with %s', (kind) => {
  it('restores model weights, optimizer slots and loop state identically', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const model = await buildTinyNet(1);
      const optimizer = makeOptimizer(kind, 0.01);
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const data = tinyDataset(64, 8);
      for (const batch of data.batches('train', { batchSize: 32, shuffleSeed: 1 })) {
        trainStep(model, optimizer, vars, batch, { labelSmoothing: 0, weightDecay: 0 });
        batch.dispose();
      }
      const ckpt = path.join(dir, 'checkpoint');
      await saveCheckpoint(ckpt, model, optimizer, STATE);

      const fresh = await buildTinyNet(2); // different initial weights
      const freshOptimizer = makeOptimizer(kind, 0.01);
      expect(weightValues(fresh)).not.toEqual(weightValues(model));
      const before = tf.memory().numTensors;
      const state = await loadCheckpoint(ckpt, fresh, freshOptimizer);
      expect(state).toEqual(STATE);
      expect(weightValues(fresh)).toEqual(weightValues(model));
      const saved = await optimizerValues(optimizer);
      expect(saved.length).toBeGreaterThan(1); // iteration count + slots
      expect(await optimizerValues(freshOptimizer)).toEqual(saved);
      // Only the optimizer's new slot variables remain: the decoded copies were freed.
      expect(tf.memory().numTensors - before).toBe(saved.length - 1);
      model.dispose();
      fresh.dispose();
      optimizer.dispose();
      freshOptimizer.dispose();
    } finally {
      cleanup();
    }
  });
});

describe('checkpoint files', () => {
  it('load back as a LayersModel with the same topology and predictions', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const model = await buildTinyNet(1);
      const optimizer = makeOptimizer('adam', 0.01);
      await saveCheckpoint(path.join(dir, 'checkpoint'), model, optimizer, STATE);
      const loaded = await loadCheckpointModel(path.join(dir, 'checkpoint'));
      expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
      const x = tf.randomNormal([2, 12, 12, 1]);
      const expected = (model.predict(x) as tf.Tensor).dataSync();
      expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(expected).map((v) => expect.closeTo(v, 6)));
      model.dispose();
      loaded.dispose();
      optimizer.dispose();
    } finally {
      cleanup();
    }
  });

  it('replaces the previous checkpoint atomically and reads none from an empty directory', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const ckpt = path.join(dir, 'checkpoint');
      expect(await readCheckpointState(ckpt)).toBeNull();
      const model = await buildTinyNet(1);
      const optimizer = makeOptimizer('sgd', 0.01);
      await saveCheckpoint(ckpt, model, optimizer, STATE);
      await saveCheckpoint(ckpt, model, optimizer, { ...STATE, epoch: 4 });
      expect((await readCheckpointState(ckpt))?.epoch).toBe(4);
      const leftovers = readdirSync(dir);
      expect(leftovers).toEqual(['checkpoint']);
      model.dispose();
      optimizer.dispose();
    } finally {
      cleanup();
    }
  });
});

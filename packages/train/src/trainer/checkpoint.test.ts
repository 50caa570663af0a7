// Checkpoints restore a model and its optimizer exactly, whichever optimizer trained them, and the model
// files load back as a standalone tfjs LayersModel.
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  loadCheckpoint,
  loadCheckpointModel,
  readCheckpointState,
  saveCheckpoint,
  snapshotCheckpoint,
  type TrainState,
} from './checkpoint';
import { CorruptCheckpointError } from './checkpoint-manifest';
import { promises as fsp } from 'node:fs';
import { makeOptimizer, OPTIMIZER_KINDS } from './optimizers';
import { buildTinyNet, tempDir, tinyDataset, useQuietCpu, weightValues } from '../../testing/trainer';
import { trainStep } from './train-step';

beforeAll(useQuietCpu);

const STATE: TrainState = {
  epoch: 3,
  step: 24,
  imagesSeen: 768,
  seconds: 1.5,
  seed: 5,
  trainLoss: 0.7,
  fingerprint: 'f',
  startedAt: '2026-01-01T00:00:00.000Z',
};

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
      expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
        Array.from(expected).map((v) => expect.closeTo(v, 6)),
      );
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
      expect(readdirSync(dir).sort()).toEqual(['checkpoint', 'checkpoint.versions']);
      // The superseded version is gone; the link points at the one left.
      expect(readdirSync(path.join(dir, 'checkpoint.versions'))).toHaveLength(1);
      model.dispose();
      optimizer.dispose();
    } finally {
      cleanup();
    }
  });
});

describe('damaged checkpoints', () => {
  /** Saves a checkpoint, damages one file of it, and returns what resuming from it does. */
  async function resumeAfter(damage: (versionDir: string) => void): Promise<{ error: unknown; runDir: string }> {
    const { dir, cleanup } = tempDir();
    try {
      const ckpt = path.join(dir, 'checkpoint');
      const model = await buildTinyNet(1);
      const optimizer = makeOptimizer('adam', 0.01);
      await saveCheckpoint(ckpt, model, optimizer, STATE);
      damage(realpathSync(ckpt));
      const error = await loadCheckpoint(ckpt, model, optimizer).then(
        () => null,
        (e: unknown) => e,
      );
      const stateError = await readCheckpointState(ckpt).then(
        () => null,
        (e: unknown) => e,
      );
      expect((stateError as Error | null)?.message).toBe((error as Error | null)?.message);
      model.dispose();
      optimizer.dispose();
      return { error, runDir: dir };
    } finally {
      cleanup();
    }
  }

  const halve = (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2));
  it.each<[string, (d: string) => void, RegExp]>([
    [
      'truncated weights.bin',
      (d) => halve(path.join(d, 'weights.bin')),
      /weights\.bin is \d+ bytes, manifest\.json says \d+/,
    ],
    [
      'odd-sized optimizer.bin',
      (d) => appendFileSync(path.join(d, 'optimizer.bin'), Buffer.from([1])),
      /optimizer\.bin is \d+ bytes/,
    ],
    [
      'altered model.json',
      (d) =>
        writeFileSync(
          path.join(d, 'model.json'),
          readFileSync(path.join(d, 'model.json'), 'utf8').replace('"float32"', '"int32"  '),
        ),
      /model\.json does not match its sha256/,
    ],
    ['truncated state.json', (d) => halve(path.join(d, 'state.json')), /state\.json is \d+ bytes/],
    ['missing manifest', (d) => rmSync(path.join(d, 'manifest.json')), /missing manifest\.json/],
    ['deleted weights.bin', (d) => rmSync(path.join(d, 'weights.bin')), /missing weights\.bin/],
  ])('%s: one line naming the run directory and --restart, nothing loaded', async (_name, damage, detail) => {
    const { error, runDir } = await resumeAfter(damage);
    expect(error).toBeInstanceOf(CorruptCheckpointError);
    const message = (error as Error).message;
    expect(message).toMatch(detail);
    expect(message.startsWith(`the checkpoint in ${runDir} is damaged (`)).toBe(true);
    expect(message).toMatch(/rerun with --restart/);
    expect(message).not.toContain('\n');
  });

  it('a checkpoint directory of the format without checksums is refused, not silently restarted', async () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(path.join(dir, 'checkpoint'));
      writeFileSync(path.join(dir, 'checkpoint', 'state.json'), JSON.stringify(STATE));
      await expect(readCheckpointState(path.join(dir, 'checkpoint'))).rejects.toThrow(
        /without checksums\); rerun with --restart/,
      );
    } finally {
      cleanup();
    }
  });

  it('a snapshot names every non-finite tensor, optimizer slots and batch-norm statistics included', async () => {
    const model = await buildTinyNet(1);
    const optimizer = makeOptimizer('adam', 0.01);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    for (const batch of tinyDataset(32, 8).batches('train', { batchSize: 32, shuffleSeed: 1 })) {
      trainStep(model, optimizer, vars, batch, { labelSmoothing: 0, weightDecay: 0 });
      batch.dispose();
    }
    expect((await snapshotCheckpoint(model, optimizer, STATE)).nonFinite).toEqual([]);
    const bn = model.getLayer('stem_bn') as unknown as {
      movingVariance: { write(t: tf.Tensor): void; shape: number[] };
    };
    bn.movingVariance.write(tf.fill(bn.movingVariance.shape, Infinity));
    const slots = await optimizer.getWeights();
    (slots[1].tensor as tf.Variable).assign(tf.fill(slots[1].tensor.shape, NaN));
    const { nonFinite } = await snapshotCheckpoint(model, optimizer, STATE);
    expect(nonFinite).toEqual(['stem_bn/moving_variance', expect.stringMatching(/^optimizer slot 1 /)]);
    model.dispose();
    optimizer.dispose();
  });
});

describe('a full disk while saving', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names the file and the fix, leaves no partial version or temp file, and keeps the previous checkpoint', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const ckpt = path.join(dir, 'checkpoint');
      const model = await buildTinyNet(1);
      const optimizer = makeOptimizer('adam', 0.01);
      await saveCheckpoint(ckpt, model, optimizer, STATE);
      const realOpen = fsp.open.bind(fsp);
      jest.spyOn(fsp, 'open').mockImplementation(async (file, flags, mode) => {
        const handle = await realOpen(file, flags, mode);
        if (String(file).includes('weights.bin')) {
          handle.writeFile = async () => {
            await handle.write(Buffer.alloc(10));
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          };
        }
        return handle;
      });
      const error = await saveCheckpoint(ckpt, model, optimizer, { ...STATE, epoch: 4 }).catch((e: unknown) => e);
      jest.restoreAllMocks();
      expect((error as Error).message).toMatch(
        /^disk full while writing .*checkpoint\.versions\/v-[^/]+\/weights\.bin: free space or choose another directory$/,
      );
      expect((await readCheckpointState(ckpt))?.epoch).toBe(3);
      expect(readdirSync(path.join(dir, 'checkpoint.versions'))).toHaveLength(1);
      const all = readdirSync(dir, { recursive: true }) as string[];
      expect(all.filter((f) => f.includes('.tmp-'))).toEqual([]);
      model.dispose();
      optimizer.dispose();
    } finally {
      cleanup();
    }
  });
});

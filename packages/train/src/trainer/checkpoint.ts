/**
 * Per-epoch checkpoints: the model (tfjs layers format, model.json + weights.bin, loadable by any tfjs file
 * handler), the optimizer's slots (moments, iteration count) and the loop's state (epoch, step, seed, timing).
 * tfjs without tfjs-node has no file:// handler, so saving goes through tf.io.withSaveHandler and loading
 * through decodeWeights; the directory is swapped in atomically so a crash keeps the previous checkpoint.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { replaceDirAtomic, resolveDirAtomic } from './atomic-fs';
import { TrainError } from './errors';

export const CHECKPOINT_DIR = 'checkpoint';
const MODEL_JSON = 'model.json';
const MODEL_WEIGHTS = 'weights.bin';
const OPTIMIZER_JSON = 'optimizer.json';
const OPTIMIZER_WEIGHTS = 'optimizer.bin';
const STATE_JSON = 'state.json';

/** Where the loop stands after a finished epoch; everything else a resumed run needs is in its config. */
export interface TrainState {
  /** Epochs completed. */
  readonly epoch: number;
  /** Optimizer steps taken (the schedule's position). */
  readonly step: number;
  readonly imagesSeen: number;
  /** Training seconds so far (excluding evaluation), summed over resumed sessions. */
  readonly seconds: number;
  readonly seed: number;
  /** Mean training loss of the last epoch. */
  readonly trainLoss: number | null;
  /** Identifies the run configuration; a checkpoint of another configuration is not resumed. */
  readonly fingerprint: string;
  /** When the run's first session started (ISO 8601): a resumed run keeps its original start. */
  readonly startedAt: string;
}

function joinWeightData(data: tf.io.WeightData | undefined): Uint8Array {
  if (data == null) return new Uint8Array(0);
  return new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function modelFiles(model: tf.LayersModel): Promise<{ json: object; weights: Uint8Array }> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (artifacts == null) throw new TrainError('saving the model produced no artifacts');
  const json = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [`./${MODEL_WEIGHTS}`], weights: artifacts.weightSpecs ?? [] }],
  };
  return { json, weights: joinWeightData(artifacts.weightData) };
}

export async function saveCheckpoint(dir: string, model: tf.LayersModel, optimizer: tf.Optimizer, state: TrainState): Promise<void> {
  const { json, weights } = await modelFiles(model);
  const slots = await optimizer.getWeights();
  const encoded = await tf.io.encodeWeights(slots);
  // getWeights returns the live slot variables plus a fresh iteration-count scalar: free only the latter.
  tf.dispose(slots.filter((s) => !(s.tensor instanceof tf.Variable)).map((s) => s.tensor));
  // Slot names repeat variable names that differ between processes; order is what setWeights relies on.
  const optimizerJson = { className: optimizer.getClassName(), config: optimizer.getConfig(), weightSpecs: encoded.specs };
  await replaceDirAtomic(dir, async (tmp) => {
    await fs.writeFile(path.join(tmp, MODEL_JSON), JSON.stringify(json));
    await fs.writeFile(path.join(tmp, MODEL_WEIGHTS), weights);
    await fs.writeFile(path.join(tmp, OPTIMIZER_JSON), JSON.stringify(optimizerJson));
    await fs.writeFile(path.join(tmp, OPTIMIZER_WEIGHTS), joinWeightData(encoded.data));
    // Written last: its presence in a directory marks the checkpoint complete.
    await fs.writeFile(path.join(tmp, STATE_JSON), JSON.stringify(state, null, 2));
  });
}

/** The saved state without touching tensors, or null when `dir` holds no complete checkpoint. */
export async function readCheckpointState(dir: string): Promise<TrainState | null> {
  const found = await resolveDirAtomic(dir);
  if (found == null) return null;
  try {
    return JSON.parse(await fs.readFile(path.join(found, STATE_JSON), 'utf8')) as TrainState;
  } catch {
    return null;
  }
}

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (error) {
    throw new TrainError(`cannot read checkpoint file ${file}: ${error instanceof Error ? error.message : String(error)}; delete the checkpoint directory to start over`);
  }
}

/** Copies saved weights into `model`, matched by layer-qualified name (e.g. stage2_block1_expand_conv/kernel). */
function restoreModelWeights(model: tf.LayersModel, saved: tf.NamedTensorMap, where: string): void {
  const values = model.weights.map((w) => {
    const t = saved[w.originalName];
    if (t == null) throw new TrainError(`checkpoint ${where} has no weight '${w.originalName}': it belongs to another model; use another --out`);
    if (!tf.util.arraysEqual(t.shape, w.shape as number[])) {
      throw new TrainError(`checkpoint ${where}: weight '${w.originalName}' has shape [${t.shape}], the model needs [${w.shape}]; use another --out`);
    }
    return t;
  });
  model.setWeights(values);
}

/**
 * Restores model weights and optimizer slots from `dir` into a freshly built model and optimizer of the same
 * configuration; returns the loop state, or null when there is no checkpoint.
 */
export async function loadCheckpoint(dir: string, model: tf.LayersModel, optimizer: tf.Optimizer): Promise<TrainState | null> {
  const found = await resolveDirAtomic(dir);
  if (found == null) return null;
  const state = await readCheckpointState(dir);
  if (state == null) return null;
  const modelJson = await readJson<{ weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }>(path.join(found, MODEL_JSON));
  const optimizerJson = await readJson<{ className: string; weightSpecs: tf.io.WeightsManifestEntry[] }>(path.join(found, OPTIMIZER_JSON));
  if (optimizerJson.className !== optimizer.getClassName()) {
    throw new TrainError(`checkpoint ${found} was trained with ${optimizerJson.className}, this run uses ${optimizer.getClassName()}; use another --out`);
  }
  const weightBytes = await fs.readFile(path.join(found, MODEL_WEIGHTS));
  const saved = tf.io.decodeWeights(toArrayBuffer(weightBytes), modelJson.weightsManifest[0].weights);
  try {
    restoreModelWeights(model, saved, found);
  } finally {
    tf.dispose(Object.values(saved));
  }
  const slotBytes = await fs.readFile(path.join(found, OPTIMIZER_WEIGHTS));
  const specs = optimizerJson.weightSpecs.map((s, i) => ({ ...s, name: `${i}` }));
  const slots = tf.io.decodeWeights(toArrayBuffer(slotBytes), specs);
  const ordered = specs.map((s, i) => ({ name: optimizerJson.weightSpecs[i].name, tensor: slots[s.name] }));
  await optimizer.setWeights(ordered);
  // setWeights makes variables from the decoded tensors (copies), so the decoded ones can go.
  tf.dispose(Object.values(slots));
  return state;
}

/** Loads the checkpoint's model, topology and weights, as a standalone LayersModel (for inspection/inference). */
export async function loadCheckpointModel(dir: string): Promise<tf.LayersModel> {
  const found = await resolveDirAtomic(dir);
  if (found == null) throw new TrainError(`no checkpoint in ${dir}`);
  const json = await readJson<{ modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }>(path.join(found, MODEL_JSON));
  const weights = await fs.readFile(path.join(found, MODEL_WEIGHTS));
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: toArrayBuffer(weights) }),
  );
}

/**
 * Per-epoch checkpoints: the model (tfjs layers format, model.json + weights.bin, loadable by any tfjs file
 * handler), the optimizer's slots (moments, iteration count) and the loop's state (epoch, step, seed, timing).
 * tfjs without tfjs-node has no file:// handler, so saving goes through tf.io.withSaveHandler and loading
 * through decodeWeights. Storage (atomic switch, checksums) is checkpoint-slot.ts's job; a snapshot with any
 * NaN/Inf tensor, batch-norm statistics and optimizer slots included, is never written.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CorruptCheckpointError } from './checkpoint-manifest';
import { type CheckpointFiles, installCheckpoint, readCheckpoint, removeCheckpoint } from './checkpoint-slot';
import { TrainError } from './errors';

export const CHECKPOINT_DIR = 'checkpoint';
const MODEL_JSON = 'model.json';
const MODEL_WEIGHTS = 'weights.bin';
const OPTIMIZER_JSON = 'optimizer.json';
const OPTIMIZER_WEIGHTS = 'optimizer.bin';
const STATE_JSON = 'state.json';
const REQUIRED = [MODEL_JSON, MODEL_WEIGHTS, OPTIMIZER_JSON, OPTIMIZER_WEIGHTS, STATE_JSON];

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
  /** Training accuracy of the last epoch (absent in checkpoints written before it was recorded). */
  readonly trainAccuracy?: number | null;
  /** Identifies the run configuration; a checkpoint of another configuration is not resumed. */
  readonly fingerprint: string;
  /** When the run's first session started (ISO 8601): a resumed run keeps its original start. */
  readonly startedAt: string;
}

/** Everything a checkpoint holds, serialized, plus the names of saved tensors that are not finite. */
export interface CheckpointSnapshot {
  readonly files: Readonly<Record<string, Uint8Array>>;
  /** e.g. ['stem_bn/moving_variance', 'optimizer slot 3']; empty when every saved value is finite. */
  readonly nonFinite: readonly string[];
}

function joinWeightData(data: tf.io.WeightData | undefined): Uint8Array {
  if (data == null) return new Uint8Array(0);
  return new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

/** Names of the float tensors in `bytes` (laid out as `specs`) holding a NaN or ±Inf. */
export function nonFiniteTensors(
  specs: readonly tf.io.WeightsManifestEntry[],
  bytes: Uint8Array,
  label: (i: number) => string,
): string[] {
  const found: string[] = [];
  let offset = 0;
  specs.forEach((spec, i) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype === 'float32' && spec.quantization === undefined) {
      const values = new Float32Array(toArrayBuffer(bytes.subarray(offset, offset + 4 * size)));
      if (!values.every(Number.isFinite)) found.push(label(i));
    }
    offset += size * (BYTES_PER_ELEMENT[spec.dtype] ?? 4);
  });
  return found;
}

async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (artifacts == null) throw new TrainError('saving the model produced no artifacts');
  return artifacts;
}

/** Serializes model, optimizer and state, and checks every saved value for NaN/Inf. */
export async function snapshotCheckpoint(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  state: TrainState,
): Promise<CheckpointSnapshot> {
  const artifacts = await modelArtifacts(model);
  const weightSpecs = artifacts.weightSpecs ?? [];
  const weights = joinWeightData(artifacts.weightData);
  const modelJson = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [`./${MODEL_WEIGHTS}`], weights: weightSpecs }],
  };
  const slots = await optimizer.getWeights();
  const encoded = await tf.io.encodeWeights(slots);
  // getWeights returns the live slot variables plus a fresh iteration-count scalar: free only the latter.
  tf.dispose(slots.filter((s) => !(s.tensor instanceof tf.Variable)).map((s) => s.tensor));
  const slotBytes = joinWeightData(encoded.data);
  // Slot names repeat variable names that differ between processes; order is what setWeights relies on.
  const optimizerJson = {
    className: optimizer.getClassName(),
    config: optimizer.getConfig(),
    weightSpecs: encoded.specs,
  };
  const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
  return {
    files: {
      [MODEL_JSON]: text(modelJson),
      [MODEL_WEIGHTS]: weights,
      [OPTIMIZER_JSON]: text(optimizerJson),
      [OPTIMIZER_WEIGHTS]: slotBytes,
      [STATE_JSON]: text(state),
    },
    nonFinite: [
      ...nonFiniteTensors(weightSpecs, weights, (i) => weightSpecs[i].name),
      ...nonFiniteTensors(encoded.specs, slotBytes, (i) => `optimizer slot ${i} (${encoded.specs[i].name})`),
    ],
  };
}

/** Installs a snapshot as the run's checkpoint; refuses one with NaN/Inf values. */
export async function writeCheckpoint(dir: string, snapshot: CheckpointSnapshot): Promise<void> {
  if (snapshot.nonFinite.length > 0) {
    throw new TrainError(
      `refusing to save a checkpoint with NaN/Inf values (${snapshot.nonFinite.join(', ')}) to ${dir}`,
    );
  }
  await installCheckpoint(dir, snapshot.files);
}

export async function saveCheckpoint(
  dir: string,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  state: TrainState,
): Promise<void> {
  await writeCheckpoint(dir, await snapshotCheckpoint(model, optimizer, state));
}

/** A verified checkpoint read from disk: its state plus the files to restore from. */
export interface StoredCheckpoint {
  readonly state: TrainState;
  readonly stored: CheckpointFiles;
}

function parseJson<T>(stored: CheckpointFiles, name: string, runDir: string): T {
  const bytes = stored.files[name];
  if (bytes === undefined) throw new CorruptCheckpointError(runDir, `${name} is missing`);
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw new CorruptCheckpointError(runDir, `${name} is not valid JSON`);
  }
}

/** The checkpoint in `dir`, every file verified against its checksum; null when there is none. */
export async function readStoredCheckpoint(dir: string): Promise<StoredCheckpoint | null> {
  const stored = await readCheckpoint(dir);
  if (stored == null) return null;
  const runDir = path.dirname(dir);
  for (const name of REQUIRED)
    if (stored.files[name] === undefined) throw new CorruptCheckpointError(runDir, `${name} is missing`);
  const state = parseJson<TrainState>(stored, STATE_JSON, runDir);
  if (typeof state?.epoch !== 'number' || typeof state.fingerprint !== 'string')
    throw new CorruptCheckpointError(runDir, `${STATE_JSON} is not a training state`);
  return { state, stored };
}

/** The saved state (checkpoint verified), or null when `dir` holds no checkpoint. */
export async function readCheckpointState(dir: string): Promise<TrainState | null> {
  return (await readStoredCheckpoint(dir))?.state ?? null;
}

/** Removes the run's checkpoint so the run starts from scratch (`--restart`). */
export async function deleteCheckpoint(dir: string): Promise<void> {
  await removeCheckpoint(dir);
}

/** tfjs decoding errors say nothing of where: give them the run directory. */
function decode(bytes: Buffer, specs: tf.io.WeightsManifestEntry[], name: string, runDir: string): tf.NamedTensorMap {
  try {
    return tf.io.decodeWeights(toArrayBuffer(bytes), specs);
  } catch (error) {
    throw new CorruptCheckpointError(
      runDir,
      `${name} does not fit its weight list: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
}

/** Copies saved weights into `model`, matched by layer-qualified name (e.g. stage2_block1_expand_conv/kernel). */
function restoreModelWeights(model: tf.LayersModel, saved: tf.NamedTensorMap, where: string): void {
  const values = model.weights.map((w) => {
    const t = saved[w.originalName];
    if (t == null)
      throw new TrainError(
        `checkpoint ${where} has no weight '${w.originalName}': it belongs to another model; use another --out`,
      );
    if (!tf.util.arraysEqual(t.shape, w.shape as number[])) {
      throw new TrainError(
        `checkpoint ${where}: weight '${w.originalName}' has shape [${t.shape}], the model needs [${w.shape}]; use another --out`,
      );
    }
    return t;
  });
  model.setWeights(values);
}

/** Restores model weights and optimizer slots from a verified checkpoint; returns its loop state. */
export async function restoreCheckpoint(
  checkpoint: StoredCheckpoint,
  runDir: string,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
): Promise<TrainState> {
  const { stored } = checkpoint;
  const modelJson = parseJson<{ weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }>(
    stored,
    MODEL_JSON,
    runDir,
  );
  const optimizerJson = parseJson<{ className: string; weightSpecs: tf.io.WeightsManifestEntry[] }>(
    stored,
    OPTIMIZER_JSON,
    runDir,
  );
  if (optimizerJson.className !== optimizer.getClassName()) {
    throw new TrainError(
      `checkpoint ${stored.dir} was trained with ${optimizerJson.className}, this run uses ${optimizer.getClassName()}; use another --out`,
    );
  }
  const saved = decode(
    stored.files[MODEL_WEIGHTS],
    modelJson.weightsManifest?.[0]?.weights ?? [],
    MODEL_WEIGHTS,
    runDir,
  );
  try {
    restoreModelWeights(model, saved, runDir);
  } finally {
    tf.dispose(Object.values(saved));
  }
  const specs = optimizerJson.weightSpecs.map((s, i) => ({ ...s, name: `${i}` }));
  const slots = decode(stored.files[OPTIMIZER_WEIGHTS], specs, OPTIMIZER_WEIGHTS, runDir);
  const ordered = specs.map((s, i) => ({ name: optimizerJson.weightSpecs[i].name, tensor: slots[s.name] }));
  await optimizer.setWeights(ordered);
  // setWeights makes variables from the decoded tensors (copies), so the decoded ones can go.
  tf.dispose(Object.values(slots));
  return checkpoint.state;
}

/**
 * Restores model weights and optimizer slots from `dir` into a freshly built model and optimizer of the same
 * configuration; returns the loop state, or null when there is no checkpoint.
 */
export async function loadCheckpoint(
  dir: string,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
): Promise<TrainState | null> {
  const checkpoint = await readStoredCheckpoint(dir);
  if (checkpoint == null) return null;
  return restoreCheckpoint(checkpoint, path.dirname(dir), model, optimizer);
}

/** Loads the checkpoint's model, topology and weights, as a standalone LayersModel (for inspection/inference). */
export async function loadCheckpointModel(dir: string): Promise<tf.LayersModel> {
  const checkpoint = await readStoredCheckpoint(dir);
  if (checkpoint == null) throw new TrainError(`no checkpoint in ${dir}`);
  const json = parseJson<{ modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }>(
    checkpoint.stored,
    MODEL_JSON,
    path.dirname(dir),
  );
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: toArrayBuffer(checkpoint.stored.files[MODEL_WEIGHTS]),
    }),
  );
}

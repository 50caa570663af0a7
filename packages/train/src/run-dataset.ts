/**
 * Resolves a run's `--dataset` value to a loaded Dataset: 'fashion-mnist' (IDX files, see --data-dir),
 * 'synthetic' (generated, fixed seed so every run of a comparison sees the same images) or 'folder:<dir>'
 * (an ImageFolder tree).
 */
import { type Dataset, loadFashionMnist, loadImageFolder, syntheticDataset } from '@scaling-lab/data';
import { TrainError } from './trainer/errors';

export type DatasetSpec = 'fashion-mnist' | 'synthetic' | `folder:${string}`;

/** Synthetic stand-in for Fashion-MNIST: 10 classes of 28×28 grey images. */
export const SYNTHETIC_SHAPE = {
  numClasses: 10,
  size: 28,
  channels: 1,
  trainSize: 4096,
  testSize: 1024,
  seed: 0,
} as const;

export function parseDatasetSpec(value: string): DatasetSpec {
  if (value === 'fashion-mnist' || value === 'synthetic') return value;
  if (value.startsWith('folder:') && value.length > 'folder:'.length) return value as DatasetSpec;
  throw new TrainError(`--dataset must be fashion-mnist, synthetic or folder:<dir>; got '${value}'`, { usage: true });
}

export async function loadRunDataset(spec: DatasetSpec, dataDir?: string): Promise<Dataset> {
  const dataset = await loadDataset(spec, dataDir);
  // Caught here, before training: an empty split would otherwise train on nothing or store a NaN accuracy.
  if (dataset.numClasses < 2)
    throw new TrainError(`--dataset ${spec} has ${dataset.numClasses} class; a classifier needs at least 2`, {
      usage: true,
    });
  if (dataset.trainSize === 0 || dataset.testSize === 0) {
    throw new TrainError(
      `--dataset ${spec} has ${dataset.trainSize} training and ${dataset.testSize} test images; both splits need at least one`,
      { usage: true },
    );
  }
  return dataset;
}

function loadDataset(spec: DatasetSpec, dataDir?: string): Promise<Dataset> {
  if (spec === 'fashion-mnist') return loadFashionMnist({ dataDir });
  if (spec === 'synthetic') return Promise.resolve(syntheticDataset(SYNTHETIC_SHAPE));
  return loadImageFolder(spec.slice('folder:'.length));
}

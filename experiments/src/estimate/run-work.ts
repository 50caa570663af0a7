/**
 * Images a preset's run trains on and runs forward, from the dataset's known size and the preset's limits;
 * unknown (null) for an image folder, whose size is only known once it is read.
 */
import { PRECISE_BN_IMAGES, SYNTHETIC_SHAPE } from '@scaling-lab/train';
import type { Preset } from '../catalogue/presets';
import type { RunWork } from './cost-model';

/** Fashion-MNIST's splits (Xiao, Rasul & Vollgraf 2017). */
const FASHION_MNIST = { trainSize: 60000, testSize: 10000 };

export function datasetSize(dataset: string): { trainSize: number; testSize: number } | null {
  if (dataset === 'fashion-mnist') return FASHION_MNIST;
  if (dataset === 'synthetic') return { trainSize: SYNTHETIC_SHAPE.trainSize, testSize: SYNTHETIC_SHAPE.testSize };
  return null;
}

export function presetRunWork(preset: Preset): RunWork | null {
  const size = datasetSize(preset.dataset);
  if (size === null) return null;
  const { training } = preset;
  const trainImages = Math.min(training.limitTrain ?? size.trainSize, size.trainSize);
  const testImages = Math.min(training.limitTest ?? size.testSize, size.testSize);
  return {
    epochs: training.epochs,
    batchSize: training.batchSize,
    trainImages,
    // Batch-norm statistics are re-estimated on up to PRECISE_BN_IMAGES training images after training.
    forwardImages: testImages + Math.min(PRECISE_BN_IMAGES, trainImages),
  };
}

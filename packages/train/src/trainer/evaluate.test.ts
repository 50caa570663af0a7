// Evaluation runs through an inference plan compiled from the weights of the moment: its loss and
// accuracy equal those of the model run layer by layer, and a change of weights between two evaluations
// (as training makes between epochs) is seen by the second.
import * as tf from '@tensorflow/tfjs';
import { randomizeBatchNorms } from '../../testing/inference';
import { buildTinyNet, TINY_SIZE, tinyDataset, useWasm } from '../../testing/trainer';
import { evaluate } from './evaluate';
import { crossEntropy } from './loss';

beforeAll(useWasm);

const OPTIONS = { batchSize: 32, resolution: TINY_SIZE, channels: 1 as const };

/** Mean cross-entropy over the test split with model.apply, the reference. */
function layerByLayerLoss(model: tf.LayersModel): number {
  const data = tinyDataset();
  let sum = 0;
  let n = 0;
  for (const batch of data.batches('test', OPTIONS)) {
    const probs = model.apply(batch.xs, { training: false }) as tf.Tensor;
    sum += crossEntropy(batch.ys, probs).dataSync()[0] * batch.labels.length;
    n += batch.labels.length;
    tf.dispose(probs);
    batch.dispose();
  }
  return sum / n;
}

it('matches layer-by-layer inference and sees weights changed between calls', async () => {
  const model = await buildTinyNet(2);
  randomizeBatchNorms(model, 1);
  const first = evaluate(model, tinyDataset(), OPTIONS);
  expect(Math.abs(first.loss - layerByLayerLoss(model)) / first.loss).toBeLessThan(1e-4);
  randomizeBatchNorms(model, 7);
  const second = evaluate(model, tinyDataset(), OPTIONS);
  expect(second.loss).not.toBeCloseTo(first.loss, 3);
  expect(Math.abs(second.loss - layerByLayerLoss(model)) / second.loss).toBeLessThan(1e-4);
  model.dispose();
});

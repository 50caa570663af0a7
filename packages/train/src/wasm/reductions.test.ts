// The wasm Sum/Mean (leading axes through pooling) and transposed BatchMatMul replacements against
// the cpu backend, including the shapes they hand back to the stock kernels.
import * as tf from '@tensorflow/tfjs';
import { MAX_REL_ERROR, relError, seeded, valuesOn } from '../../testing/wasm';

const x = () => tf.tensor4d(seeded(3 * 5 * 7 * 6, 1), [3, 5, 7, 6]);

describe('wasm reductions and matMul match the cpu backend', () => {
  it.each([
    ['sum [0,1,2]', () => tf.sum(x(), [0, 1, 2])],
    ['sum [0,1,2] keepDims', () => tf.sum(x(), [0, 1, 2], true)],
    ['mean [0,1,2]', () => tf.mean(x(), [0, 1, 2])],
    ['mean [0] of 2-D', () => tf.mean(x().reshape([105, 6]), 0)],
    ['sum over all axes', () => tf.sum(x())],
    ['sum [1,2] (stock path)', () => tf.sum(x(), [1, 2])],
    ['mean [-1] (stock path)', () => tf.mean(x(), -1)],
    ['int32 sum (stock path)', () => tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0)],
  ] as Array<[string, () => tf.Tensor]>)('%s', async (_label, fn) => {
    const [cpu] = await valuesOn('cpu', () => [fn()]);
    const [wasm] = await valuesOn('wasm', () => [fn()]);
    expect(relError(wasm, cpu)).toBeLessThanOrEqual(MAX_REL_ERROR);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('batched matMul transposeA=%s transposeB=%s', async (ta, tb) => {
    const fn = () => {
      const a = tf.tensor3d(seeded(2 * 4 * 5, 2), ta ? [2, 5, 4] : [2, 4, 5]);
      const b = tf.tensor3d(seeded(2 * 5 * 3, 3), tb ? [2, 3, 5] : [2, 5, 3]);
      return [tf.matMul(a, b, ta, tb)];
    };
    const [cpu] = await valuesOn('cpu', fn);
    const [wasm] = await valuesOn('wasm', fn);
    expect(relError(wasm, cpu)).toBeLessThanOrEqual(MAX_REL_ERROR);
  });

  it('leaves no wasm tensors behind', async () => {
    await valuesOn('wasm', () => []);
    const before = tf.memory().numTensors;
    const backendBefore = tf.backend().numDataIds();
    const [out] = await valuesOn('wasm', () => [
      tf.sum(x(), [0, 1, 2]),
      tf.matMul(tf.ones([3, 2]), tf.ones([3, 2]), true),
    ]);
    expect(out.length).toBe(6);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.backend().numDataIds()).toBe(backendBefore);
  });
});

// Identity (tf.clone, and every tensor a gradient saves) and same-dtype casts share the input's buffer on
// wasm instead of copying it, and the shared result outlives the input; other casts still convert.
import * as tf from '@tensorflow/tfjs';
import { useWasm } from '../../../testing/wasm';

describe('copy-free Identity and Cast on wasm', () => {
  beforeAll(useWasm);

  it.each([
    ['clone', (x: tf.Tensor) => tf.clone(x)],
    ['cast float32 to float32', (x: tf.Tensor) => tf.cast(x, 'float32')],
  ])('%s allocates nothing and keeps its values after the input is freed', (_label, copy) => {
    const x = tf.tensor1d([1.5, -2, 3]);
    const before = tf.memory().numDataBuffers;
    const y = copy(x);
    expect(tf.memory().numDataBuffers).toBe(before);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 3]);
    y.dispose();
  });

  it('still converts between dtypes', () => {
    const y = tf.cast(tf.tensor1d([1.7, -2.2]), 'int32');
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([1, -2]);
  });
});

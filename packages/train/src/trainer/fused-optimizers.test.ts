// The fused optimizers take the same steps as tf.train's on the cpu backend (weights and every slot, over
// several steps with changing gradients and learning rate), run one kernel per step on wasm, and keep
// tf.train's class names and slot names so checkpoints stay interchangeable.
import * as tf from '@tensorflow/tfjs';
import { MAX_REL_ERROR, relError, seeded, useWasm, valuesOn } from '../../testing/wasm';
import { makeOptimizer, OPTIMIZER_KINDS, OptimizerKind, setLearningRate } from './optimizers';

const SHAPES = [[3, 3, 2, 4], [4], [7]];

/** Three steps on three variables; returns the weights, then the optimizer's slots (iteration count excluded). */
async function threeSteps(kind: OptimizerKind): Promise<tf.Tensor[]> {
  const vars = SHAPES.map((s, i) =>
    tf.variable(
      tf.tensor(
        seeded(
          s.reduce((a, b) => a * b, 1),
          20 + i,
        ),
        s,
      ),
    ),
  );
  const optimizer = makeOptimizer(kind, 0.05);
  for (let step = 0; step < 3; step++) {
    setLearningRate(optimizer, 0.05 / (step + 1));
    tf.tidy(() =>
      optimizer.applyGradients(
        vars.map((v, i) => ({ name: v.name, tensor: tf.tensor(seeded(v.size, 100 * step + i), v.shape) })),
      ),
    );
  }
  const slots = (await optimizer.getWeights()).slice(1).map((s) => s.tensor.clone());
  const out = [...vars.map((v) => v.clone()), ...slots];
  optimizer.dispose();
  tf.dispose(vars);
  return out;
}

async function valuesAfterSteps(backend: string, kind: OptimizerKind): Promise<Float32Array[]> {
  const tensors = await (async () => {
    await valuesOn(backend, () => []); // selects the backend (and installs the wasm kernels)
    return threeSteps(kind);
  })();
  const values = tensors.map((t) => t.dataSync() as Float32Array);
  tf.dispose(tensors);
  return values;
}

describe.each(OPTIMIZER_KINDS)('%s', (kind) => {
  it('takes the same steps on wasm (fused) as tf.train on cpu: weights and slots', async () => {
    const cpu = await valuesAfterSteps('cpu', kind);
    const wasm = await valuesAfterSteps('wasm', kind);
    expect(wasm).toHaveLength(cpu.length);
    expect(cpu.length).toBeGreaterThanOrEqual(2 * SHAPES.length); // weights + at least one slot each
    cpu.forEach((expected, i) => expect(relError(wasm[i], expected)).toBeLessThanOrEqual(MAX_REL_ERROR));
  });

  it('runs one update kernel for all variables on wasm', async () => {
    await useWasm();
    const vars = SHAPES.map((s) => tf.variable(tf.ones(s)));
    const optimizer = makeOptimizer(kind, 0.01);
    const grads = vars.map((v) => ({ name: v.name, tensor: tf.onesLike(v) }));
    optimizer.applyGradients(grads); // creates the slots
    const info = await tf.profile(() => optimizer.applyGradients(grads));
    expect(info.kernels.map((k) => k.name)).toEqual([expect.stringMatching(/^ScalingLab\w+Update$/)]);
    optimizer.dispose();
    tf.dispose([...vars, ...grads.map((g) => g.tensor)]);
  });

  it('keeps tf.train’s class name and slot names (checkpoint format)', async () => {
    await tf.setBackend('cpu');
    const stock = {
      adam: () => tf.train.adam(0.01),
      sgd: () => tf.train.momentum(0.01, 0.9),
      rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.9),
    }[kind]();
    const ours = makeOptimizer(kind, 0.01);
    expect(ours.getClassName()).toBe(stock.getClassName());
    const w = tf.variable(tf.ones([2]));
    for (const o of [stock, ours]) o.applyGradients([{ name: w.name, tensor: tf.ones([2]) }]);
    const names = async (o: tf.Optimizer) => (await o.getWeights()).map((s) => s.name);
    expect(await names(ours)).toEqual(await names(stock));
    stock.dispose();
    ours.dispose();
    w.dispose();
  });
});

/**
 * Adam, RMSProp and SGD-momentum whose step is one kernel for all variables on wasm (the fused update kernels of
 * wasm/fused/optimizer-updates.ts), and exactly tf.train's step elsewhere. They extend tf.train's classes and
 * keep their slot variables, names and order, so checkpoints (getWeights/setWeights) and class names are unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedKernelsActive } from '../wasm/fused/active';
import {
  ADAM_ROLES,
  ADAM_UPDATE,
  AdamUpdateAttrs,
  MOMENTUM_ROLES,
  MOMENTUM_UPDATE,
  MomentumUpdateAttrs,
  RMSPROP_ROLES,
  RMSPROP_UPDATE,
  RMSPropUpdateAttrs,
  updateInputs,
} from '../wasm/fused/optimizer-updates';

type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];
interface Slot {
  originalName: string;
  variable: tf.Variable;
}

function entries(grads: Gradients): Array<{ name: string; gradient: tf.Tensor | undefined }> {
  if (Array.isArray(grads)) return grads.map((g) => ({ name: g.name, gradient: g.tensor }));
  const map = grads as Record<string, tf.Tensor | undefined>;
  return Object.keys(map).map((name) => ({ name, gradient: map[name] }));
}

function variableNamed(name: string): tf.Variable {
  const v = tf.engine().registeredVariables[name];
  if (v == null) throw new Error(`optimizer: no variable named '${name}'`);
  return v;
}

/** The slot tfjs would create for variable `name` (same name suffix, zeros, not trainable). */
function ensureSlot(slots: Slot[], i: number, value: tf.Variable, suffix: string): tf.Variable {
  if (slots[i] == null)
    slots[i] = {
      originalName: `${value.name}/${suffix}`,
      variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
    };
  return slots[i].variable;
}

/** One update kernel for every row [value, gradient, ...slots]; assigns the new value and slots. */
function runUpdate(
  kernel: string,
  roles: readonly string[],
  rows: Array<[tf.Variable, tf.Tensor, ...tf.Variable[]]>,
  attrs: object,
): void {
  if (rows.length === 0) return;
  const outs = tf
    .engine()
    .runKernel(kernel, updateInputs(roles, rows), { ...attrs, count: rows.length } as tf.NamedAttrMap) as tf.Tensor[];
  const targets = rows.flatMap(([value, , ...slots]) => [value, ...slots]);
  targets.forEach((t, k) => t.assign(outs[k]));
  tf.dispose(outs);
}

interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  incrementIterations(): void;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(grads: Gradients): void {
    if (!fusedKernelsActive()) return super.applyGradients(grads);
    const self = this as unknown as AdamInternals;
    // Step t's bias corrections; the accumulated powers are float32 scalars as in tf.train.adam.
    const [acc1, acc2] = [self.accBeta1.dataSync()[0], self.accBeta2.dataSync()[0]];
    const attrs: AdamUpdateAttrs = {
      learningRate: self.learningRate,
      beta1: self.beta1,
      beta2: self.beta2,
      epsilon: self.epsilon,
      oneMinusAccBeta1: Math.fround(1 - acc1),
      oneMinusAccBeta2: Math.fround(1 - acc2),
    };
    const rows: Array<[tf.Variable, tf.Tensor, tf.Variable, tf.Variable]> = [];
    entries(grads).forEach(({ name, gradient }, i) => {
      const value = variableNamed(name);
      const m = ensureSlot(self.accumulatedFirstMoment, i, value, 'm');
      const v = ensureSlot(self.accumulatedSecondMoment, i, value, 'v');
      if (gradient != null) rows.push([value, gradient, m, v]);
    });
    runUpdate(ADAM_UPDATE, ADAM_ROLES, rows, attrs);
    self.accBeta1.assign(tf.scalar(Math.fround(acc1 * self.beta1)));
    self.accBeta2.assign(tf.scalar(Math.fround(acc2 * self.beta2)));
    self.incrementIterations();
  }
}

interface RMSPropInternals {
  accumulatedMeanSquares: Slot[];
  accumulatedMoments: Slot[];
  centered: boolean;
  decay: number;
  momentum: number;
  epsilon: number;
  learningRate: number;
  incrementIterations(): void;
}

export class FusedRMSPropOptimizer extends tf.RMSPropOptimizer {
  override applyGradients(grads: Gradients): void {
    const self = this as unknown as RMSPropInternals;
    if (!fusedKernelsActive() || self.centered) return super.applyGradients(grads);
    const attrs: RMSPropUpdateAttrs = {
      learningRate: self.learningRate,
      decay: self.decay,
      momentum: self.momentum,
      epsilon: self.epsilon,
    };
    const rows: Array<[tf.Variable, tf.Tensor, tf.Variable, tf.Variable]> = [];
    entries(grads).forEach(({ name, gradient }, i) => {
      const value = variableNamed(name);
      const ms = ensureSlot(self.accumulatedMeanSquares, i, value, 'rms');
      const mom = ensureSlot(self.accumulatedMoments, i, value, 'momentum');
      if (gradient != null) rows.push([value, gradient, ms, mom]);
    });
    runUpdate(RMSPROP_UPDATE, RMSPROP_ROLES, rows, attrs);
    self.incrementIterations();
  }
}

interface MomentumInternals {
  accumulations: Slot[];
  momentum: number;
  useNesterov: boolean;
  learningRate: number;
  incrementIterations(): void;
}

export class FusedMomentumOptimizer extends tf.MomentumOptimizer {
  override applyGradients(grads: Gradients): void {
    if (!fusedKernelsActive()) return super.applyGradients(grads);
    const self = this as unknown as MomentumInternals;
    const attrs: MomentumUpdateAttrs = {
      learningRate: self.learningRate,
      momentum: self.momentum,
      useNesterov: self.useNesterov,
    };
    const rows: Array<[tf.Variable, tf.Tensor, tf.Variable]> = [];
    entries(grads).forEach(({ name, gradient }, i) => {
      const value = variableNamed(name);
      const acc = ensureSlot(self.accumulations, i, value, 'momentum');
      if (gradient != null) rows.push([value, gradient, acc]);
    });
    runUpdate(MOMENTUM_UPDATE, MOMENTUM_ROLES, rows, attrs);
    self.incrementIterations();
  }
}

// Points tfjs-layers' BatchNormalization (training mode, with a following ReLU folded in where planned), ReLU(6), the 'swish' activation and, when its package is
// loaded, MobileNetV3's HardSwish layer at the fused kernels while they are active. Each hook falls back to
// the original method otherwise, and `restore` puts the originals back.
import * as tf from '@tensorflow/tfjs';
import { alreadyActivated, foldedActivation, markActivated } from './activation-plan';
import { batchNormTraining } from './batch-norm-training';
import { HARD_SWISH, SWISH } from './activations';

type Method = (...args: never[]) => unknown;
interface Patch {
  proto: Record<string, Method>;
  method: string;
  original: Method;
}

function registeredClass(name: string): { prototype: Record<string, Method> } | undefined {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[name];
  return entry?.[0] as unknown as { prototype: Record<string, Method> } | undefined;
}

interface BatchNormLayer {
  axis: number;
  center: boolean;
  scale: boolean;
  epsilon: number;
  momentum: number;
  gamma: tf.LayerVariable;
  beta: tf.LayerVariable;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

function single(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

function batchNormCall(original: Method, isActive: () => boolean): Method {
  return function (this: BatchNormLayer, inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }) {
    const x = single(inputs);
    const lastAxis = this.axis === -1 || this.axis === x.rank - 1;
    if (!kwargs?.training || !isActive() || !lastAxis || !this.center || !this.scale || x.dtype !== 'float32') {
      return (original as (...a: unknown[]) => unknown).call(this, inputs, kwargs);
    }
    const activation = foldedActivation(this);
    const y = tf.tidy(() => {
      const [out, , , movingMean, movingVariance] = batchNormTraining(
        x,
        this.gamma.read(),
        this.beta.read(),
        this.movingMean.read(),
        this.movingVariance.read(),
        {
          varianceEpsilon: this.epsilon,
          momentum: this.momentum,
          activation: activation ?? 'linear',
        },
      );
      this.movingMean.write(movingMean);
      this.movingVariance.write(movingVariance);
      return out;
    });
    if (activation != null) markActivated(y, activation);
    return y;
  } as unknown as Method;
}

function swishApply(original: Method, isActive: () => boolean): Method {
  return function (this: unknown, x: tf.Tensor, alpha = 1) {
    if (!isActive() || alpha !== 1 || x.dtype !== 'float32')
      return (original as (...a: unknown[]) => unknown).call(this, x, alpha);
    return tf.engine().runKernel(SWISH, { x });
  } as unknown as Method;
}

function hardSwishCall(original: Method, isActive: () => boolean): Method {
  return function (this: unknown, inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) {
    const x = single(inputs);
    if (!isActive() || x.dtype !== 'float32')
      return (original as (...a: unknown[]) => unknown).call(this, inputs, kwargs);
    return tf.engine().runKernel(HARD_SWISH, { x });
  } as unknown as Method;
}

/**
 * Keras ReLU(max_value=6) runs relu then clip (two kernels and two gradients); relu6 is the same function in one.
 * A ReLU whose batch norm already applied it (activation-plan.ts) passes its input through.
 */
function reluCall(original: Method, isActive: () => boolean): Method {
  return function (this: { maxValue?: number | null }, inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) {
    const x = single(inputs);
    if (isActive() && alreadyActivated(this, x)) return x;
    if (!isActive() || this.maxValue !== 6 || x.dtype !== 'float32')
      return (original as (...a: unknown[]) => unknown).call(this, inputs, kwargs);
    return tf.relu6(x);
  } as unknown as Method;
}

const HOOKS: ReadonlyArray<{
  className: string;
  method: string;
  make: (original: Method, isActive: () => boolean) => Method;
}> = [
  { className: 'BatchNormalization', method: 'call', make: batchNormCall },
  { className: 'ReLU', method: 'call', make: reluCall },
  { className: 'swish', method: 'apply', make: swishApply },
  { className: 'HardSwish', method: 'call', make: hardSwishCall },
];

/** Installs the hooks on every class registered so far; returns a function that removes them. */
export function hookLayers(isActive: () => boolean): () => void {
  const patches: Patch[] = [];
  for (const { className, method, make } of HOOKS) {
    const cls = registeredClass(className);
    if (cls == null) continue;
    const proto = cls.prototype;
    const original = proto[method];
    proto[method] = make(original, isActive);
    patches.push({ proto, method, original });
  }
  return () => {
    for (const { proto, method, original } of patches.reverse()) proto[method] = original;
  };
}
